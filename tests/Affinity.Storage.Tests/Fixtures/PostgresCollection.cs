namespace Affinity.Storage.Tests.Fixtures;

/// <summary>Every test class that needs PostgreSQL joins this collection, so the server starts once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
