using Azure;

namespace OrderFunctions.Storage;

/// <summary>Error codes the domain branches on (the <c>x-ms-error-code</c> header / <c>odata.error.code</c>).</summary>
public static class StorageErrorCodes
{
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";
    public const string TableAlreadyExists = "TableAlreadyExists";
    public const string TableNotFound = "TableNotFound";
    public const string QueueAlreadyExists = "QueueAlreadyExists";
    public const string QueueNotFound = "QueueNotFound";
    public const string MessageNotFound = "MessageNotFound";
    public const string PopReceiptMismatch = "PopReceiptMismatch";

    /// <summary>A bearer token with the wrong audience, an expired one, or a bad Shared Key signature (403).</summary>
    public const string AuthenticationFailed = "AuthenticationFailed";

    /// <summary>The identity lacks the data role (e.g. Storage Table Data Contributor) for the operation (403).</summary>
    public const string AuthorizationPermissionMismatch = "AuthorizationPermissionMismatch";
}

/// <summary>So callers write <c>catch (RequestFailedException e) when (e.IsPreconditionFailed())</c>.</summary>
public static class StorageExceptionExtensions
{
    public static bool IsNotFound(this RequestFailedException e) => e.Status == 404;

    public static bool IsConflict(this RequestFailedException e) => e.Status == 409;

    public static bool IsPreconditionFailed(this RequestFailedException e) => e.Status == 412;
}
