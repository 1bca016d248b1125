using System.Globalization;
using System.Text;

namespace OrderFunctions.Workflow;

/// <summary>Table keys from free text: the characters the Table service forbids in keys (<c>/ \ # ?</c>, control
/// characters) and <c>%</c> itself are percent-encoded (UTF-8), everything else is kept, so keys stay readable.</summary>
internal static class TableKeys
{
    public static string Escape(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
