using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Hosting;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Discord;
using PaperBot.TestSupport.Logging;

namespace PaperBot.BotTestSupport;

/// <summary>
/// The whole bot as `paperbot discord` wires it (AddPaperBotDiscord over the answering services), run in a host
/// against a <see cref="FakeDiscordServer"/>, over a copy of the sample-corpus index in a temp folder, with
/// millisecond protocol timings. Extractive unless a chat client is given. Every log line is captured.
/// </summary>
public sealed class BotHarness : IAsyncDisposable
{
    public const ulong GuildId = 400;
    public const ulong ChannelId = 300;
    public const ulong AdminId = 999;

    private readonly string _folder;
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly TimeProvider? _time;
    private long _nextId;
    private bool _restarted;

    private BotHarness(FakeDiscordServer server, IHost host, string folder, CapturingLoggerProvider logs, IReadOnlyDictionary<string, string?>? settings, TimeProvider? time)
    {
        Server = server;
        Host = host;
        _folder = folder;
        Logs = logs;
        _settings = settings;
        _time = time;
    }

    public FakeDiscordServer Server { get; }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>Starts the fake Discord and the bot, and waits until the bot holds a session and has registered its commands.</summary>
    /// <param name="time">The clock every service uses (a fake one lets a test move to a scheduled hour); the system clock by default.</param>
    public static async Task<BotHarness> StartAsync(IChatClient? chat = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var server = await FakeDiscordServer.StartAsync();
        var folder = TestPaths.NewScratchFolder("bot-");
        SeededIndex.CopyTo(Path.Combine(folder, "paperbot.db"));
        return await StartOnAsync(server, folder, chat, settings, time);
    }

    /// <summary>
    /// Stops this bot and starts a new one over the same index, against the same fake Discord (which remembers the
    /// messages and nonces it saw): a restart. Use the returned harness from then on; it owns the server and folder.
    /// </summary>
    public async Task<BotHarness> RestartAsync()
    {
        await StopAsync();
        Host.Dispose();
        _restarted = true;
        var sessions = Server.Gateway.Connections.Count;
        return await StartOnAsync(Server, _folder, null, _settings, _time, sessions);
    }

    private static async Task<BotHarness> StartOnAsync(
        FakeDiscordServer server, string folder, IChatClient? chat, IReadOnlyDictionary<string, string?>? settings, TimeProvider? time, int connection = 0)
    {
        var registrations = server.Rest.Requests.Count(r => r.RouteName is "global-commands" or "guild-commands" && r.Status == 200);
        var configuration = new Dictionary<string, string?>
        {
            ["Data:Directory"] = folder,
            ["Data:SeedDirectory"] = TestPaths.SeedDirectory,
            ["Discord:Token"] = server.Gateway.Token,
            ["Discord:ApplicationId"] = FakePayloads.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl,
            ["Discord:EnableMentions"] = "true",
            ["Discord:EnableDirectMessages"] = "true",
            ["Discord:StreamEditIntervalMs"] = "250",
            ["Discord:CooldownSeconds"] = "0",
            ["Discord:AdminUserIds:0"] = AdminId.ToString(CultureInfo.InvariantCulture),
            ["Llm:Parallel"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton(DiscordHarness.FastRestTimings);
        builder.Services.AddSingleton(DiscordHarness.FastGatewayTimings);
        if (chat is not null)
        {
            builder.Services.AddSingleton(chat);
        }

        // The model setup, and a local model when one is configured, as the composition root registers them (loaded on
        // first use); a chat client given above stays the one that answers.
        builder.Services.AddPaperBotLlm(builder.Configuration, folder);

        builder.Services.AddPaperBotIndex(builder.Configuration, TestPaths.RepoRoot);
        builder.Services.AddPaperBotSync(builder.Configuration);
        builder.Services.AddPaperBotAnswering(builder.Configuration);
        builder.Services.AddPaperBotDiscord(builder.Configuration);
        if (time is not null)
        {
            // Registered last, so it wins over the system clock the composition roots add.
            builder.Services.AddSingleton(time);
        }

        var started = new BotHarness(server, builder.Build(), folder, logs, settings, time);
        // Started from the thread pool: services would otherwise capture xUnit's context, whose few threads are
        // shared by every test running in parallel, and a busy neighbour would stall the bot's receive loop.
        await Task.Run(() => started.Host.StartAsync());
        await server.Gateway.WaitForSessionAsync(connection);
        await Eventually.TrueAsync(() => started.Get<GatewayClient>().CurrentUser is not null, what: "READY");
        await Eventually.TrueAsync(
            () => server.Rest.Requests.Count(r => r.RouteName is "global-commands" or "guild-commands" && r.Status == 200) > registrations, what: "command registration");
        return started;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A fresh snowflake created now (so deadlines measured from it are real).</summary>
    public ulong NewId() => Snowflake.FromTime(DateTimeOffset.UtcNow) + (ulong)Interlocked.Increment(ref _nextId);

    /// <summary>Injects a slash command; returns its interaction token (the webhook routes' major parameter).</summary>
    public async Task<string> SlashAsync(string command, IReadOnlyDictionary<string, object>? options = null, ulong userId = 500, ulong channelId = ChannelId, ulong? interactionId = null)
    {
        var id = interactionId ?? NewId();
        var token = $"tok-{id}";
        await Server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(id, token, command, options, channelId, GuildId, userId));
        return token;
    }

    /// <summary>Injects <c>/watch SUBCOMMAND</c> with its options (an autocomplete when <paramref name="focused"/> names one); returns its interaction token.</summary>
    public async Task<string> WatchAsync(
        string subcommand, IReadOnlyDictionary<string, object>? options = null, ulong userId = 500, ulong channelId = ChannelId, ulong? guildId = GuildId,
        ulong memberPermissions = FakePayloads.MemberPermissions, string? focused = null)
    {
        var id = NewId();
        var token = $"tok-{id}";
        await Server.Gateway.InjectInteractionAsync(FakePayloads.SubCommand(id, token, "watch", subcommand, options, channelId, guildId, userId, memberPermissions, focused));
        return token;
    }

    /// <summary>What the bot answered an interaction in its callback (the content of a private reply, or the autocomplete choices).</summary>
    public async Task<JsonElement> CallbackAsync(string token)
    {
        await Eventually.TrueAsync(() => ForToken("interaction-callback", token).Count > 0, what: $"the callback of {token}");
        return ForToken("interaction-callback", token)[0].Json.GetProperty("data");
    }

    /// <summary>
    /// Clicks the button <paramref name="customId"/> under the last message interaction <paramref name="token"/> posted, as
    /// a user would (only a button that is there can be clicked); returns the click's interaction token.
    /// </summary>
    public async Task<string> ClickAsync(string token, string customId, ulong userId = 500)
    {
        var answered = Server.Rest.Interactions.ByToken(token) ?? throw new InvalidOperationException($"no interaction has token {token}");
        var followups = answered.Followups;
        var message = (followups.Count > 0 ? followups[^1] : answered.Original) ?? throw new InvalidOperationException($"{token} posted no message");
        var buttons = (message["components"] as JsonArray ?? []).SelectMany(row => row!["components"]!.AsArray()).Select(b => b!["custom_id"]?.GetValue<string>());
        if (!buttons.Contains(customId))
        {
            throw new InvalidOperationException($"the last message of {token} has no button {customId}");
        }

        var id = NewId();
        var clickToken = $"tok-{id}";
        await Server.Gateway.InjectInteractionAsync(FakePayloads.ButtonClick(id, clickToken, customId, message, ChannelId, GuildId, userId));
        return clickToken;
    }

    /// <summary>Injects a MESSAGE_CREATE; a null guild makes it a DM.</summary>
    public async Task<ulong> MessageAsync(string content, ulong authorId = 500, ulong channelId = ChannelId, ulong? guildId = GuildId, ulong? repliesTo = null, bool mention = true)
    {
        var id = NewId();
        await Server.Gateway.DispatchAsync("MESSAGE_CREATE", FakePayloads.Message(
            channelId, id, authorId, content, guildId, repliesTo, mention ? new[] { FakePayloads.BotUserId } : []));
        return id;
    }

    /// <summary>Requests of <paramref name="routeName"/> made with one interaction token (webhook routes carry it in the path).</summary>
    public IReadOnlyList<RecordedRequest> ForToken(string routeName, string token) =>
        Server.Rest.RequestsTo(routeName).Where(r => (r.Path + "/").Contains($"/{token}/", StringComparison.Ordinal)).ToList();

    /// <summary>What the user finally sees for one interaction: the last edit of the original, then the follow-ups.</summary>
    public IReadOnlyList<JsonElement> FinalMessages(string token)
    {
        var edits = ForToken("original-edit", token);
        var messages = new List<JsonElement>();
        if (edits.Count > 0)
        {
            messages.Add(edits[^1].Json);
        }

        messages.AddRange(ForToken("followup", token).Select(r => r.Json));
        return messages;
    }

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.Run(() => Host.StopAsync(timeout.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (_restarted)
        {
            return; // the restarted harness owns the server and the folder
        }

        await StopAsync();
        Host.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a pooled connection may still hold the file on some platforms
        }
    }
}
