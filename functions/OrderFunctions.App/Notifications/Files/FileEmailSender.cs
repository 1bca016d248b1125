using System.Text;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications.Email;

namespace OrderFunctions.App.Notifications.Files;

/// <summary>
/// The local mail sink: each mail becomes one <c>.eml</c> file in a folder (<c>Notifications:FileFolder</c>, by default
/// <c>.local/mail</c>). The file name is derived from the message id, so a redelivered notification overwrites its
/// file instead of adding a second one; the file is written next to its final name and moved into place, so a reader
/// never sees half a mail.
/// </summary>
internal sealed class FileEmailSender : IEmailSender
{
    private const int MaxSlugLength = 60;

    private readonly string _folder;
    private readonly EmailAddress _from;
    private readonly ILogger<FileEmailSender> _logger;

    public FileEmailSender(string folder, EmailAddress from, ILogger<FileEmailSender> logger)
    {
        _folder = Path.GetFullPath(folder);
        _from = from;
        _logger = logger;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(_folder);

        var path = Path.Combine(_folder, FileNameFor(message.Id));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, EmlWriter.Write(message, _from), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        NotificationsLog.EmailWritten(_logger, message.Id, path);
    }

    /// <summary>A readable slug of the id plus its stable UUID: <c>new-orders-demo-20250701t1000z-{uuid}.eml</c>.</summary>
    internal static string FileNameFor(string messageId)
    {
        var slug = new StringBuilder();
        foreach (var c in messageId.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= MaxSlugLength)
            {
                break;
            }
        }

        var readable = slug.ToString().Trim('-');
        var uuid = StableUuid.For(messageId).ToString("N");
        return readable.Length == 0 ? $"{uuid}.eml" : $"{readable}-{uuid}.eml";
    }
}
