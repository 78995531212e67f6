namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Mistakes a newcomer makes on the command line and in the configuration, run through the real executable: each
/// gets one clear line, the documented exit code and no stack trace.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes and symbolic links as on Linux
public sealed class BadInputTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("PATH must not be empty", "ingest", "")]
    [InlineData("PATH must not be empty", "ingest", "data", "  ")]
    [InlineData("--top must be between 1 and", "search", "x", "--top", "-1")]
    [InlineData("--top must be between 1 and", "search", "x", "--top", "0")]
    [InlineData("the day range is empty", "search", "x", "--from", "2025-06-01", "--to", "2025-01-01")]
    [InlineData("the day range is empty", "ask", "x", "--from", "2025-06-01", "--to", "2025-01-01")]
    [InlineData("--max-tokens must be between 1 and", "generate", "x", "--max-tokens", "0")]
    [InlineData("--days must be between 1 and", "sync", "--days", "0")]
    [InlineData("give only one of", "sync", "--date", "2025-01-01", "--days", "2")]
    [InlineData("use either --date or --from/--to", "ask", "x", "--date", "2025-01-01", "--to", "2025-01-02")]
    [InlineData("--top must be a whole number between 1 and 200, not \"abc\"", "search", "diffusion", "--top", "abc")]
    [InlineData("--top must be a whole number between 1 and 200, not \"1.5\"", "search", "diffusion", "--top", "1.5")]
    [InlineData("--top must be a whole number between 1 and 200, not \"99999999999\"", "search", "diffusion", "--top", "99999999999")]
    [InlineData("--days must be a whole number between 1 and 366, not \"abc\"", "sync", "--days", "abc")]
    [InlineData("--max-tokens must be a whole number between 1 and 8192, not \"abc\"", "generate", "hi", "--max-tokens", "abc")]
    [InlineData("ID must not be empty", "show", "")]
    [InlineData("QUERY must not be empty", "search", "")]
    [InlineData("FILE must not be empty", "eval", " ")]
    [InlineData("PROMPT must not be empty", "generate", "")]
    [InlineData("QUESTION must not be empty", "ask", "")]
    [InlineData("--top must be between 1 and 200, not 0", "search", "diffusion", "--top", "0", "--json")]
    [InlineData("Unrecognized command or argument '--bogus'", "stats", "--json", "--bogus")]
    public async Task Usage_mistakes_exit_1_with_the_reason_and_no_stack(string reason, params string[] args)
    {
        var result = await _bot.RunAsync(args);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains($"(see 'paperbot {args[0]} --help')", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        // The help text is not a result: stdout stays empty (with --json, a script reads no half document).
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("unknown command 'frobnicate'", "frobnicate", "--json")]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("no command given")]
    public async Task A_missing_or_unknown_command_is_one_error_and_exit_1(string reason, params string[] args)
    {
        var result = await _bot.RunAsync(args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"error: {reason} (see 'paperbot --help')", Assert.Single(result.ErrorLines));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task An_invalid_value_from_the_environment_names_the_key_its_variable_and_the_range()
    {
        _bot.Environment["PAPERBOT_Llm__ContextSize"] = "-5";
        _bot.Environment["PAPERBOT_Llm__TopP"] = "7";

        var result = await _bot.RunAsync("stats");

        Assert.True(result.ExitCode == 2, result.ToString());
        var errors = result.ErrorLines;
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, l => l.Contains("Llm:ContextSize = \"-5\"", StringComparison.Ordinal)
            && l.Contains("PAPERBOT_Llm__ContextSize", StringComparison.Ordinal) && l.Contains("between 256 and", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Llm:TopP = \"7\"", StringComparison.Ordinal) && l.Contains("PAPERBOT_Llm__TopP", StringComparison.Ordinal));
        CliAssert.NoStackTrace(result);
    }

    [Theory]
    [InlineData("Papers__PageSize", "0", "Papers:PageSize = \"0\" (from the environment variable PAPERBOT_Papers__PageSize): must be between 1 and 1000", "stats")]
    [InlineData("Retrieval__UseEmbeddings", "Maybe", "Retrieval:UseEmbeddings = \"Maybe\" (from the environment variable PAPERBOT_Retrieval__UseEmbeddings): not one of Auto, Off", "stats")]
    [InlineData("Llm__Backend", "gpu", "Llm:Backend = \"gpu\" (from the environment variable PAPERBOT_Llm__Backend): must be cpu or cuda", "stats")]
    [InlineData("Discord__StreamEditIntervalMs", "5", "Discord:StreamEditIntervalMs = \"5\" (from the environment variable PAPERBOT_Discord__StreamEditIntervalMs): must be between 250 and 60000", "discord")]
    [InlineData("Discord__ShardId", "3", "Discord:ShardId = \"3\" (from the environment variable PAPERBOT_Discord__ShardId): must be below Discord:ShardCount (1)", "discord")]
    public async Task Every_invalid_setting_is_told_as_key_value_source_and_what_is_allowed(string variable, string value, string expected, string command)
    {
        _bot.Environment["PAPERBOT_" + variable] = value;
        _bot.Environment["PAPERBOT_Discord__Token"] = "not-a-real-token";
        _bot.Environment["PAPERBOT_Discord__ApplicationId"] = "1";

        var result = await _bot.RunAsync(command);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"error: invalid configuration: {expected}", Assert.Single(result.ErrorLines));
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public async Task A_missing_Discord_application_id_names_the_key_and_its_variable()
    {
        using var bot = new PaperBotProcess(""", "Discord": { "Token": "not-a-real-token" }""");

        var result = await bot.RunAsync("discord");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("Discord:ApplicationId", error, StringComparison.Ordinal);
        Assert.Contains("PAPERBOT_Discord__ApplicationId", error, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public async Task A_JSON_syntax_error_in_appsettings_gives_the_file_line_and_column()
    {
        File.WriteAllText(Path.Combine(_bot.Workspace, "appsettings.json"), "{\n  \"Data\": { \"Directory\": \"data\" },\n  \"Llm\": { \"ContextSize\" 4096 }\n}\n");

        var result = await _bot.RunAsync("stats");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains(Path.Combine(_bot.Workspace, "appsettings.json") + ": line 3, column 26", error, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Theory]
    [InlineData(""", "Data": { "Directory": "elsewhere" }""", "appsettings.json: A duplicate key 'Data:Directory'")]
    [InlineData(""", "Llm": { "ContextSize": "lots" }""", "Llm:ContextSize = \"lots\"", "appsettings.json", "not a whole number")]
    public async Task A_bad_value_in_appsettings_names_the_file_and_the_key(string settings, params string[] expected)
    {
        using var bot = new PaperBotProcess(settings);

        var result = await bot.RunAsync("stats");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.All(expected, e => Assert.Contains(e, error, StringComparison.Ordinal));
        CliAssert.NoStackTrace(result);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("proc")]
    [InlineData("read-only")]
    public async Task A_data_directory_that_cannot_be_created_or_written_is_named_with_the_reason(string kind)
    {
        var directory = kind switch
        {
            "file" => Path.Combine(_bot.Workspace, "taken"),
            "proc" => "/proc/paperbot-data",
            _ => Path.Combine(_bot.Workspace, "locked"),
        };
        if (kind == "file")
        {
            File.WriteAllText(directory, "a file, not a folder");
        }
        else if (kind == "read-only")
        {
            Directory.CreateDirectory(directory);
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        using var bot = new PaperBotProcess(dataDirectory: directory) { AsOrdinaryUser = true };
        try
        {
            var result = await bot.RunAsync("stats");

            Assert.True(result.ExitCode == 2, result.ToString());
            var error = Assert.Single(result.ErrorLines);
            Assert.Contains($"cannot create or write the data directory {directory}:", error, StringComparison.Ordinal);
            CliAssert.NoStackTrace(result);
            Assert.False(File.Exists(Path.Combine(directory, "paperbot.db")));
        }
        finally
        {
            if (kind == "read-only")
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
