namespace OrderFunctions.App.Tests.Deployment;

/// <summary>
/// Azure built-in role definition IDs, the test's independent oracle for infra/rbac.bicep (which names each once).
/// Source: the Azure built-in roles reference.
/// </summary>
internal static class BuiltInRoles
{
    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["Key Vault Secrets User"] = "4633458b-17de-408a-b874-0445c86b69e6",
        ["Key Vault Secrets Officer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
        ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        ["Communication and Email Service Owner"] = "09976791-48a7-449e-bb21-39d1a415f350",
    };

    /// <summary>Control-plane or account-wide roles that no identity of this deployment may hold.</summary>
    public static readonly IReadOnlyDictionary<string, string> TooBroad = new Dictionary<string, string>
    {
        ["Owner"] = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        ["Contributor"] = "b24988ac-6180-42a0-ab88-20f7382dd24c",
        ["User Access Administrator"] = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        ["Role Based Access Control Administrator"] = "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
        ["Storage Account Contributor"] = "17d1049b-9a84-46fb-8f53-869881c3d3ab",
        ["Key Vault Administrator"] = "00482a5a-887f-4fb3-b363-3b7fe8e74483",
        ["Storage Blob Data Contributor"] = "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    };
}
