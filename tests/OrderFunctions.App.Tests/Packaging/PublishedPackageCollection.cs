namespace OrderFunctions.App.Tests.Packaging;

/// <summary>The tests that need <c>scripts/publish.sh</c>'s output share one publish (about a minute on two cores).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackageFixture>
{
    public const string Name = "published package";
}
