using System.Globalization;
using OrderFunctions.Sandbox.Bol;
using OrderFunctions.Sandbox.Trendyol;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>
/// Random but plausible marketplace orders over <see cref="SandboxCatalog"/>: Turkish customers on Trendyol, Dutch and
/// Belgian ones on bol, one to three lines, mostly one of each item. Order ids are unique per sandbox run (a time-based
/// prefix and a counter) so that a new run does not repeat the order ids a hub already stored; the seed fixes
/// everything else. Not thread-safe: the caller serialises calls.
/// </summary>
internal sealed class SandboxOrderGenerator(Random random, DateTimeOffset runStartedAt)
{
    private static readonly string[] TurkishFirstNames = ["Ayşe", "Mehmet", "Zeynep", "Mustafa", "Elif", "Ahmet", "Fatma", "Emre", "Merve", "Burak"];
    private static readonly string[] TurkishLastNames = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"];
    private static readonly (string City, string District, string PostalCode)[] TurkishPlaces =
    [
        ("İstanbul", "Kadıköy", "34710"), ("İstanbul", "Beşiktaş", "34353"), ("Ankara", "Çankaya", "06690"),
        ("İzmir", "Karşıyaka", "35560"), ("Bursa", "Nilüfer", "16110"), ("Antalya", "Muratpaşa", "07040"),
    ];

    private static readonly string[] TurkishStreets = ["Bağdat Cd.", "Atatürk Blv.", "Cumhuriyet Cd.", "İstiklal Cd.", "Gazi Mustafa Kemal Blv."];

    private static readonly string[] DutchFirstNames = ["Sanne", "Daan", "Emma", "Lucas", "Julia", "Milan", "Fleur", "Thijs", "Lotte", "Bram"];
    private static readonly string[] DutchLastNames = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Peeters"];
    private static readonly (string City, string ZipCode, string CountryCode)[] DutchPlaces =
    [
        ("Amsterdam", "1012AB", "NL"), ("Utrecht", "3511CD", "NL"), ("Rotterdam", "3011EF", "NL"), ("Eindhoven", "5611GH", "NL"),
        ("Groningen", "9711JK", "NL"), ("Antwerpen", "2000", "BE"), ("Gent", "9000", "BE"),
    ];

    private static readonly string[] DutchStreets = ["Dorpstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Markt"];

    private readonly long _runSecond = runStartedAt.ToUnixTimeSeconds();
    private int _trendyolOrders;
    private int _bolOrders;

    public TrendyolOrderSeed NextTrendyolOrder(string status)
    {
        var number = ++_trendyolOrders;
        var firstName = Pick(TurkishFirstNames);
        var lastName = Pick(TurkishLastNames);
        var (city, district, postalCode) = Pick(TurkishPlaces);
        return new TrendyolOrderSeed
        {
            // Digits, like Trendyol's: the run's second (repeating after 11 days) and a counter.
            OrderNumber = string.Create(CultureInfo.InvariantCulture, $"1{_runSecond % 1_000_000:D6}{number:D5}"),
            Status = status,
            CustomerFirstName = firstName,
            CustomerLastName = lastName,
            // Trendyol hands sellers a masked relay address, never the customer's own.
            CustomerEmail = string.Create(CultureInfo.InvariantCulture, $"pf+{random.Next(0x100000, 0xFFFFFF):x}@trendyolmail.com"),
            Address = new TrendyolAddressSeed
            {
                FirstName = firstName,
                LastName = lastName,
                Address1 = string.Create(CultureInfo.InvariantCulture, $"{Pick(TurkishStreets)} No:{random.Next(1, 250)} D:{random.Next(1, 20)}"),
                City = city,
                District = district,
                PostalCode = postalCode,
                CountryCode = "TR",
                Phone = string.Create(CultureInfo.InvariantCulture, $"5{random.Next(30, 60)}{random.Next(1_000_000, 9_999_999)}"),
            },
            Lines = [.. Lines().Select(l => new TrendyolLineSeed(l.Product.Ean, l.Product.Sku, l.Product.Title, l.Quantity, l.Product.PriceTry))],
        };
    }

    public BolOrderSeed NextBolOrder()
    {
        var number = ++_bolOrders;
        var (city, zipCode, countryCode) = Pick(DutchPlaces);
        var address = new BolAddressSeed
        {
            FirstName = Pick(DutchFirstNames),
            Surname = Pick(DutchLastNames),
            StreetName = Pick(DutchStreets),
            HouseNumber = random.Next(1, 300).ToString(CultureInfo.InvariantCulture),
            HouseNumberExtension = random.Next(4) == 0 ? "A" : null,
            ZipCode = zipCode,
            City = city,
            CountryCode = countryCode,
            // bol hands sellers an anonymised relay address.
            Email = string.Create(CultureInfo.InvariantCulture, $"{random.NextInt64(1L << 40, 1L << 50):x}@verkopen.bol.com"),
        };
        return new BolOrderSeed
        {
            // Like bol's A2K8290LP8: the run's second in base 36 (repeating after 700 days) and a counter.
            OrderId = string.Create(CultureInfo.InvariantCulture, $"A{Base36(_runSecond % (36L * 36 * 36 * 36 * 36), 5)}{Base36(number, 4)}"),
            ShipmentDetails = address,
            Items = [.. Lines().Select(l => new BolItemSeed(l.Product.Ean, l.Product.Title, l.Quantity, l.Product.PriceEur) { OfferReference = l.Product.Sku })],
        };
    }

    private IEnumerable<(SandboxProduct Product, int Quantity)> Lines()
    {
        var count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        return SandboxCatalog.Products
            .OrderBy(_ => random.Next())
            .Take(count)
            .Select(product => (product, random.Next(10) < 8 ? 1 : random.Next(2, 4)))
            .ToList();
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Base36(long value, int width)
    {
        const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = Digits[(int)(value % 36)];
            value /= 36;
        }

        return new string(chars);
    }
}
