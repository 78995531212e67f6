using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Index;
using PaperBot.TestSupport;

namespace PaperBot.Bench.Commands;

/// <summary>
/// `commands`: whole <c>paperbot</c> processes (the published Release binary) as a person runs them — search,
/// papers, show, stats, ask --no-model — on the sample corpus, the Daily Papers archive and synthetic indexes,
/// each alternating with <c>paperbot --help</c> (the floor: runtime start and argument parsing) and with the
/// <c>sqlite3</c> shell running the same FTS5 query (what the search itself costs in a fresh process).
/// </summary>
internal static class CommandsBenchmark
{
    private const string Query = "diffusion";
    private const string Question = "What is new in diffusion language models?";

    public static Command Command()
    {
        var sizes = new Option<string>("--sizes") { Description = "Synthetic index sizes in abstracts, comma-separated (made as the index benchmark makes them; empty for none)", DefaultValueFactory = _ => "100000,1000000" };
        var archive = new Option<string>("--archive") { Description = "The Daily Papers archive to ingest for the archive index (skipped when missing)", DefaultValueFactory = _ => Path.Combine("..", "shared", "data", "hf-daily-papers") };
        var runs = new Option<int>("--runs") { Description = "Timed runs of each command (after one warm-up run)", DefaultValueFactory = _ => 5 }.InRange(1, 1000);
        var work = new Option<string>("--work") { Description = "Folder for the published binary, the workspaces and the synthetic indexes", DefaultValueFactory = _ => Path.Combine("bench", "work") };
        var binary = new Option<string?>("--binary") { Description = "A published paperbot to time instead of publishing one (dotnet publish src/Bot -c Release)" };
        var command = new Command("commands", "Whole paperbot processes on indexes of several sizes, against --help and the sqlite3 shell") { sizes, archive, runs, work, binary };
        command.SetAction(parse =>
        {
            var sizeList = parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            return Run(sizeList, parse.GetValue(archive)!, parse.GetValue(runs), Path.GetFullPath(parse.GetValue(work)!), parse.GetValue(binary));
        });
        return command;
    }

    private static int Run(int[] sizes, string archive, int runs, string work, string? binary)
    {
        var root = Path.Combine(work, "commands");
        Directory.CreateDirectory(root);
        binary ??= Publish(Path.Combine(root, "pub"));
        if (binary is null)
        {
            return 1;
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"binary: {binary}; {runs} timed runs each, medians; wall / CPU (user + system)");
        var indexes = new List<(string Name, string Workspace, string Database)>();
        var sample = Workspace(root, "sample", Path.Combine(root, "sample", "data"), "paperbot.db");
        indexes.Add(("sample corpus", sample, Path.Combine(root, "sample", "data", "paperbot.db")));
        var archivePath = Path.GetFullPath(Path.IsPathRooted(archive) ? archive : Path.Combine(TestPaths.RepoRoot, archive));
        if (Directory.Exists(archivePath))
        {
            var folder = Path.Combine(root, "archive", "data");
            var workspace = Workspace(root, "archive", folder, "paperbot.db");
            var database = Path.Combine(folder, "paperbot.db");
            if (!File.Exists(database))
            {
                var (wall, _, code, _) = Time(binary, workspace, ["ingest", archivePath]);
                Console.WriteLine($"archive: ingested {archivePath} in {wall / 1000:0.0} s (exit {code})");
            }

            indexes.Add(("archive", workspace, database));
        }
        else
        {
            Console.WriteLine($"archive: skipped, {archivePath} is not there");
        }

        var corpus = new SyntheticCorpus(TestPaths.SeedDirectory);
        foreach (var size in sizes)
        {
            var database = IndexBenchmark.EnsureDatabase(corpus, work, size);
            GiveDays(database);
            indexes.Add(($"synthetic {size:N0}", Workspace(root, $"synthetic-{size}", Path.GetDirectoryName(database)!, Path.GetFileName(database)), database));
        }

        foreach (var (name, workspace, database) in indexes)
        {
            Measure(name, binary, workspace, database, runs);
        }

        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;
    }

    private static void Measure(string name, string binary, string workspace, string database, int runs)
    {
        // The first command fills the sample index and checks each index once; it is not timed.
        Time(binary, workspace, ["stats"]);
        var sqlite = SqliteArguments(database);
        var showId = MiddlePaperId(database);
        (string Label, string[] Args)[] commands =
        [
            ($"search {Query}", ["search", Query]),
            ("papers", ["papers"]),
            ("show ID", ["show", showId]),
            ("stats", ["stats"]),
            ("ask --no-model", ["ask", Question, "--no-model"]),
        ];
        Console.WriteLine($"\n== {name} ({new FileInfo(database).Length / 1048576.0:N0} MiB; load average {LoadAverage()})");
        Console.WriteLine("| command | wall | CPU | `paperbot --help` wall / CPU | `sqlite3` same FTS5 query wall / CPU | command / help (wall) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (label, args) in commands)
        {
            var samples = new[] { new Timings(), new Timings(), new Timings() };
            for (var run = 0; run <= runs; run++)
            {
                // Rotated each run, so that none of the three always runs first (on the pages the last one warmed).
                for (var turn = 0; turn < 3; turn++)
                {
                    var which = (run + turn) % 3;
                    var (wall, cpu, code, error) = which switch
                    {
                        0 => Time(binary, workspace, args),
                        1 => Time(binary, workspace, ["--help"]),
                        _ => Time("sqlite3", workspace, sqlite),
                    };
                    if (code != 0)
                    {
                        Console.WriteLine($"| {label} | failed: exit {code}: {error.Trim()} | | | | |");
                        return;
                    }

                    if (run > 0)
                    {
                        samples[which].Add(wall, cpu);
                    }
                }
            }

            var (command, help, shell) = (samples[0], samples[1], samples[2]);
            Console.WriteLine($"| `{label}` | {command.Wall.Median / 1000:0.00} s | {command.Cpu.Median / 1000:0.00} s | {help.Wall.Median / 1000:0.00} / {help.Cpu.Median / 1000:0.00} s | {shell.Wall.Median / 1000:0.000} / {shell.Cpu.Median / 1000:0.000} s | {command.Wall.Median / help.Wall.Median:0.0}× |");
        }
    }

    /// <summary>The planned FTS5 expression of <see cref="Query"/>, ranked and joined to the titles as `search` does.</summary>
    private static string[] SqliteArguments(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var plan = new FtsSearch(connection, new TermCache()).Plan(Query)!;
        var window = plan.MinRowId is { } min ? $" AND papers_fts.rowid > {min}" : "";
        var expression = plan.Primary.Replace("'", "''", StringComparison.Ordinal);
        return ["-readonly", database,
            $"SELECT p.id, p.title FROM papers_fts JOIN papers p ON p.pid = papers_fts.rowid WHERE papers_fts MATCH '{expression}'{window} ORDER BY {FtsSearch.Bm25} LIMIT 10"];
    }

    private static string MiddlePaperId(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM papers WHERE pid >= (SELECT max(pid) / 2 FROM papers) ORDER BY pid LIMIT 1";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Synthetic papers come from saved pages without dates: they are given featured days, 20 a day as in the
    /// archive, so that `papers` and the day lookups of `ask` have days to read; the day count that `stats` reads
    /// (kept by the ingest, which did not write these rows) is counted again.
    /// </summary>
    private static void GiveDays(string database)
    {
        // Opened as paperbot opens it first, so that an index an older build made has the current schema.
        _ = new PaperStore(database);
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO paper_days(pid, day, guessed)
            SELECT pid, date('2000-01-01', '+' || (pid / 20) || ' days'), 0 FROM papers WHERE NOT EXISTS (SELECT 1 FROM paper_days);
            UPDATE index_counts SET value = (SELECT count(DISTINCT day) FROM paper_days) WHERE name = 'days';
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A folder holding the repository's appsettings.json (the configuration a user runs with: its log levels, its
    /// options) and a <c>data.env</c> naming the index, passed as PAPERBOT_Data__ variables (see <see cref="Time"/>).
    /// </summary>
    private static string Workspace(string root, string name, string dataDirectory, string databaseFile)
    {
        var workspace = Path.Combine(root, name, "workspace");
        Directory.CreateDirectory(workspace);
        File.Copy(Path.Combine(TestPaths.RepoRoot, "appsettings.json"), Path.Combine(workspace, "appsettings.json"), overwrite: true);
        File.WriteAllLines(Path.Combine(workspace, "data.env"),
            [$"PAPERBOT_Data__Directory={dataDirectory}", $"PAPERBOT_Data__DatabaseFile={databaseFile}", $"PAPERBOT_Data__SeedDirectory={TestPaths.SeedDirectory}"]);
        return workspace;
    }

    private static string? Publish(string output)
    {
        Console.WriteLine($"publishing paperbot (Release) to {output} ...");
        var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(TestPaths.RepoRoot, "src", "Bot"), "-c", "Release", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"dotnet publish failed (exit {process.ExitCode}):\n{stdout.Result}{stderr}");
            return null;
        }

        return Path.Combine(output, "paperbot");
    }

    private static (double WallMs, double CpuMs, int ExitCode, string Error) Time(string file, string workspace, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var line in File.ReadAllLines(Path.Combine(workspace, "data.env")))
        {
            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            info.Environment[key] = value;
        }

        var cpu = ChildUsage.Cpu();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, (ChildUsage.Cpu() - cpu).TotalMilliseconds, process.ExitCode, stderr.Result);
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed class Timings
    {
        public Samples Wall { get; } = new();

        public Samples Cpu { get; } = new();

        public void Add(double wall, double cpu)
        {
            Wall.Add(wall);
            Cpu.Add(cpu);
        }
    }
}
