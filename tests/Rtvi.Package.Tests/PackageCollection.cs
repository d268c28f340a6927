namespace Rtvi.Package.Tests;

/// <summary>The package tests and the template tests share one packed feed (packing is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "Packages";
}
