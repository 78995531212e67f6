using Microsoft.Data.Sqlite;
using PaperBot.Rag.Index;
using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Watches;

/// <summary>An index an older PaperBot wrote (schema 7, before watches) opens, keeps its papers and takes watches.</summary>
public sealed class WatchMigrationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_schema_7_index_gets_the_watch_tables_and_keeps_its_papers()
    {
        var path = _temp.File("old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            SchemaMigrations.ApplyUpTo(connection, 7);
        }

        var store = new PaperStore(path);
        store.Ingest("a", "sha", [new PaperBot.Rag.Corpus.Paper { Id = "2603.00001", ArxivId = "2603.00001", Title = "Otters at sea", Abstract = "Otters hold hands while they sleep.", FeaturedOn = new DateOnly(2026, 3, 10) }], DateTimeOffset.UnixEpoch);
        var watches = new WatchStore(store, new PaperLookup(store));

        var watch = watches.Add(new WatchRequest(WatchOwner.Local, "sleeping otters"), DateTimeOffset.UnixEpoch);

        Assert.Equal(watch.Topic, watches.Get(watch.Id)!.Topic);
        Assert.Equal(1, store.Count);
    }
}
