namespace OrderFunctions.Connectors.Carriers;

/// <summary>The check-digit algorithms of the carriers' tracking codes (docs/connectors/carriers.md). Each takes the
/// payload without its check digit and returns the expected check digit; input is already validated by a pattern.</summary>
internal static class CheckDigits
{
    /// <summary>UPS 1Z: mod 10 over the 15 characters after "1Z", letters as (code - 3) mod 10 (A=2 … I=0),
    /// every second character (2nd, 4th, …) doubled.</summary>
    public static int Ups(ReadOnlySpan<char> serial)
    {
        var total = 0;
        for (var i = 0; i < serial.Length; i++)
        {
            var c = serial[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : (c - 3) % 10;
            total += i % 2 == 1 ? value * 2 : value;
        }

        return (10 - (total % 10)) % 10;
    }

    /// <summary>GS1-style mod 10 (USPS, FedEx Ground): from the right, digits weigh 3, 1, 3, 1, …</summary>
    public static int Mod10Weight3FromRight(ReadOnlySpan<char> digits)
    {
        var total = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var value = digits[digits.Length - 1 - i] - '0';
            total += i % 2 == 0 ? value * 3 : value;
        }

        return (10 - (total % 10)) % 10;
    }

    /// <summary>Weighted sum (weights repeated from the left) mod 11 mod 10 (FedEx Express 12 and 34 digits).</summary>
    public static int WeightedMod11Mod10(ReadOnlySpan<char> digits, ReadOnlySpan<int> weights)
    {
        var total = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            total += (digits[i] - '0') * weights[i % weights.Length];
        }

        return total % 11 % 10;
    }

    /// <summary>UPU S10: the 8 serial digits weigh 8,6,4,2,3,5,9,7; 11 - (sum mod 11), with 10 → 0 and 11 → 5.</summary>
    public static int S10(ReadOnlySpan<char> serial)
    {
        ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += (serial[i] - '0') * weights[i];
        }

        return (11 - (total % 11)) switch
        {
            10 => 0,
            11 => 5,
            var check => check,
        };
    }
}
