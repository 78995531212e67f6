using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Readers and writers of one index at the same time, as separate real processes: a reading command never takes
/// a writer's work in progress for damage, and two ingests into a new index at once both succeed.
/// </summary>
public sealed class ConcurrentIndexTests : IDisposable
{
    private const int Editions = 8;
    private readonly PaperBotProcess _bot = new();

    public ConcurrentIndexTests()
    {
        // The readers must read what the ingests write, not fill the empty index from the sample corpus themselves.
        _bot.Environment["PAPERBOT_Data__SeedDirectory"] = Path.Combine(_bot.Workspace, "no-seed");
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Stats_and_search_during_two_ingests_into_a_new_index_never_report_damage()
    {
        // One commit per paper (the sample corpus's real API days, one item a file) makes the full-text index's
        // segments merge all through the run, as the 501 files of the archive do.
        var (first, second, papers) = SplitRealDays();
        using var ingestA = Process.Start(_bot.StartInfo("ingest", first))!;
        using var ingestB = Process.Start(_bot.StartInfo("ingest", second))!;
        var outA = Drain(ingestA);
        var outB = Drain(ingestB);

        var overlapping = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(ingestA.HasExited && ingestB.HasExited) && DateTime.UtcNow < deadline)
        {
            var readers = await Task.WhenAll(_bot.RunAsync("stats"), _bot.RunAsync("search", "language model", "--top", "3"));
            foreach (var reader in readers)
            {
                Assert.DoesNotContain("damaged", reader.Stderr, StringComparison.Ordinal);

                // A search before the first file is in is told that the index is empty.
                Assert.True(reader.ExitCode == 0 || reader.Stderr.Contains("is empty: ingest", StringComparison.Ordinal), reader.ToString());
            }

            if (!(ingestA.HasExited && ingestB.HasExited))
            {
                overlapping++;
            }
        }

        await ingestA.WaitForExitAsync();
        await ingestB.WaitForExitAsync();
        Assert.True(ingestA.ExitCode == 0, await outA);
        Assert.True(ingestB.ExitCode == 0, await outB);
        Assert.True(overlapping >= 2, $"only {overlapping} rounds of readers ran while the ingests wrote; the test proves nothing");

        var stats = await _bot.RunAsync("stats", "--json");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Equal(papers, stats.Json.GetProperty("papers").GetInt64());
        using var connection = new SqliteConnection($"Data Source={_bot.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    /// <summary>
    /// Writes each item of the sample corpus's real API days as its own file, alternately into two folders, in
    /// <see cref="Editions"/> editions: edition e &gt; 0 of a paper has the arXiv id and title prefixed with e, so that
    /// it is a paper of its own (the real days alone are ingested in about a second, too short to race with).
    /// </summary>
    private (string First, string Second, long Papers) SplitRealDays()
    {
        string[] folders = [Path.Combine(_bot.Workspace, "a"), Path.Combine(_bot.Workspace, "b")];
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var day in Directory.GetFiles(TestPaths.SeedDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            var items = JsonNode.Parse(File.ReadAllText(day))!.AsArray();
            for (var edition = 0; edition < Editions; edition++)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i]!.DeepClone();
                    var paper = item["paper"]!;
                    if (edition > 0)
                    {
                        paper["id"] = $"{edition}{paper["id"]!.GetValue<string>()}";
                        paper["title"] = $"{edition} {paper["title"]!.GetValue<string>()}";
                        item.AsObject().Remove("title");
                    }

                    ids.Add(paper["id"]!.GetValue<string>());
                    var name = $"{Path.GetFileNameWithoutExtension(day)}-{edition}-{i:000}.json";
                    File.WriteAllText(Path.Combine(folders[n++ % 2], name), new JsonArray(item).ToJsonString());
                }
            }
        }

        return (folders[0], folders[1], ids.Count);
    }

    private static async Task<string> Drain(Process process)
    {
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        return $"stdout:\n{stdout}\nstderr:\n{await stderr}";
    }
}
