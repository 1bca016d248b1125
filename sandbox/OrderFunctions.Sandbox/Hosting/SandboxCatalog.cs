using System.Globalization;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>A product the sandbox merchant sells everywhere: the same SKU in both shops, as Trendyol's merchantSku and
/// as bol's offer reference, so marketplace orders can be created in the shops.</summary>
public sealed record SandboxProduct(string Sku, string Ean, string Title, decimal PriceEur, decimal PriceTry);

/// <summary>The sandbox merchant's catalogue, loaded into the shops (products, variants) and bol (offers) at start.</summary>
public static class SandboxCatalog
{
    /// <summary>Plenty: a benchmark run must not sell out (the shops let stock go negative anyway).</summary>
    public const int InitialStock = 100_000;

    public static IReadOnlyList<SandboxProduct> Products { get; } =
    [
        Product("OF-MUG-350", 1, "Stoneware mug 350 ml", 12.95m, 449.90m),
        Product("OF-PLATE-26", 2, "Dinner plate 26 cm", 9.50m, 329.00m),
        Product("OF-BOWL-15", 3, "Breakfast bowl 15 cm", 7.95m, 279.00m),
        Product("OF-TEAPOT-1L", 4, "Cast iron teapot 1 l", 39.00m, 1349.00m),
        Product("OF-TOWEL-TK", 5, "Turkish cotton towel", 19.90m, 689.00m),
        Product("OF-CANDLE-FIG", 6, "Scented candle, fig", 14.50m, 499.00m),
        Product("OF-BOARD-OAK", 7, "Oak cutting board", 29.95m, 1039.00m),
        Product("OF-GLASS-6", 8, "Tea glasses, set of 6", 17.50m, 599.00m),
    ];

    /// <summary>An EAN-13 from the in-store range 20-29 (never a real product's), with its check digit.</summary>
    private static SandboxProduct Product(string sku, int number, string title, decimal priceEur, decimal priceTry)
    {
        var digits = string.Create(CultureInfo.InvariantCulture, $"2000000{number:D5}");
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return new SandboxProduct(sku, digits + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture), title, priceEur, priceTry);
    }
}
