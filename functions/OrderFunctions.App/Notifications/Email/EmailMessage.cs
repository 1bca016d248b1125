namespace OrderFunctions.App.Notifications.Email;

/// <summary>
/// One rendered notification mail. <see cref="Id"/> is stable for the notification it renders (the same digest window,
/// the same failure of the same order), so a redelivered queue message produces the same id: senders use it to send
/// at most once (ACS operation id) or to overwrite rather than duplicate (file sink). The sender address is the
/// sender's own configuration, not part of the message.
/// </summary>
public sealed record EmailMessage
{
    /// <summary>Stable identity of the notification, e.g. <c>new-orders:demo:20250701T1000Z</c>.</summary>
    public required string Id { get; init; }

    /// <summary>When the notified event happened (the digest window's end, the failure's time); the mail's Date.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<EmailAddress> To { get; init; }

    public required string Subject { get; init; }

    public required string PlainText { get; init; }

    public required string Html { get; init; }
}

/// <summary>A mailbox: address plus optional display name.</summary>
public sealed record EmailAddress(string Address, string? DisplayName = null);
