using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PaperBot.Bot.Cli;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Chat;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bench;

/// <summary>
/// `discord-soak`: the whole bot (extractive answers) against the fake Discord on 127.0.0.1 while simulated users
/// ask /ask questions and a fault injector drops connections, starves heartbeats, closes with resumable and
/// session-ending codes, sends op 7 and op 9, answers REST calls with bucket and global 429s and 5xx, and loses
/// the answers to callbacks, edits and follow-ups (Discord did the work; the bot never hears). Every answer is
/// long enough for a follow-up, with numbered sentences, so a lost or doubled message shows. Reports whether
/// every question was answered exactly once, duplicates, requests Discord would count as invalid, identifies and
/// resumes, and the worst latency added over a fault-free baseline.
/// </summary>
internal static class DiscordSoak
{
    private static readonly string[] Questions =
    [
        "How do diffusion models generate images?", "What is flow matching?", "How are reward models trained?",
        "What improves code generation with language models?", "How do vision language models handle video?",
    ];

    /// <summary>Sentences in every answer: about 3,500 characters, so the original response and a follow-up.</summary>
    private const int Sentences = 48;

    private static readonly string Answer =
        string.Concat(Enumerable.Range(1, Sentences).Select(i => $"Sentence {i:D3}: diffusion models learn to reverse a noising process [1]. "));

    /// <summary>A question not answered this long after it was asked is asked again (its event was lost with a session).</summary>
    private static readonly TimeSpan ReaskAfter = TimeSpan.FromSeconds(20);

    public static Command Command()
    {
        var users = new Option<int>("--users") { Description = "Simulated users asking at once", DefaultValueFactory = _ => 50 }.InRange(1, 1000);
        var faults = new Option<int>("--faults") { Description = "Faults to inject", DefaultValueFactory = _ => 200 }.InRange(0, 100_000);
        var minutes = new Option<int>("--minutes") { Description = "The longest the soak may run", DefaultValueFactory = _ => 4 }.InRange(1, 600);
        var command = new Command("discord-soak", "The whole bot against the fake Discord under injected faults: every question answered exactly once?") { users, faults, minutes };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(users), parse.GetValue(faults), TimeSpan.FromMinutes(parse.GetValue(minutes))));
        return command;
    }

    private static async Task<int> RunAsync(int users, int faults, TimeSpan limit)
    {
        await using var bot = await BotHarness.StartAsync(new ScriptedChatClient(_ => Answer), settings: new Dictionary<string, string?>
        {
            ["Discord:QueueCapacity"] = "200", ["Llm:Parallel"] = "4", ["Discord:CooldownSeconds"] = "0",
        });
        bot.Server.Gateway.HeartbeatIntervalMs = 500;
        using var deadline = new CancellationTokenSource(limit);

        var baseline = await AskAllAsync(bot, users, asked => asked < 1, deadline.Token);
        var baselineMedian = TimeSpan.FromMilliseconds(Samples.Of(baseline.Select(q => q.Latency ?? TimeSpan.Zero)).Median);
        var connectionsBefore = bot.Server.Gateway.Connections.Count;

        using var stopFaults = new CancellationTokenSource();
        var injected = new Dictionary<string, int>();
        var injector = InjectFaultsAsync(bot, faults, injected, stopFaults.Token);
        var clock = Stopwatch.StartNew();
        // Users keep asking until every fault has gone in, so that each fault meets traffic.
        var soak = await AskAllAsync(bot, users, _ => !injector.IsCompleted, deadline.Token);
        await stopFaults.CancelAsync();
        await injector;
        await Task.Delay(1000);

        var allTokens = soak.Concat(baseline).SelectMany(q => q.Attempts.Select(a => a.Token)).ToList();
        var callbacks = bot.Server.Rest.RequestsTo("interaction-callback");
        var duplicateCallbacks = allTokens.Count(t => bot.ForToken("interaction-callback", t).Count(r => r.Status is 200 or 204) > 1);
        var answeredTwice = soak.Count(q => q.Attempts.Count(a => IsAnswered(bot, a.Token)) > 1);
        // Every sentence of every answer shown exactly once: a lost message shows as a missing number, a doubled follow-up as a repeated one.
        var shownWrong = allTokens.Where(t => IsAnswered(bot, t)).Count(t => !EverySentenceOnce(bot, t));
        var duplicateFollowups = allTokens.Sum(t => DuplicateFollowups(bot, t));
        var invalid = bot.Server.Rest.InvalidRequests;
        var unanswered = soak.Count(q => q.Latency is null);
        var connections = bot.Server.Gateway.Connections.Skip(connectionsBefore).ToList();
        var worst = soak.Where(q => q.Latency is not null).Max(q => q.Latency!.Value);
        var worstFirstAttempt = soak.Where(q => q.Latency is not null && q.Attempts.Count == 1).Max(q => q.Latency!.Value);

        Console.WriteLine($"users {users}, questions {soak.Count} (+{baseline.Count} baseline), faults injected {injected.Values.Sum()} in {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var (kind, count) in injected.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {kind}: {count}");
        }

        Console.WriteLine($"answered: {soak.Count - unanswered}/{soak.Count}; answered more than once: {answeredTwice}; re-asked after a lost event: {soak.Count(q => q.Attempts.Count > 1)}");
        Console.WriteLine($"duplicate interaction responses: {duplicateCallbacks}; callbacks sent: {callbacks.Count}");
        Console.WriteLine($"answers not shown exactly once (a sentence missing or repeated): {shownWrong}; duplicate follow-ups: {duplicateFollowups}; follow-ups posted: {allTokens.Sum(t => bot.Server.Rest.Interactions.ByToken(t)?.Followups.Count ?? 0)}");
        Console.WriteLine($"requests Discord would count as invalid (401/403/429 not injected, 40060, 10062, 50027): {invalid.Count}");
        foreach (var request in invalid.Take(10))
        {
            Console.WriteLine($"  {request.Method} {request.RouteName} -> {request.Status} {request.ErrorCode}");
        }
        Console.WriteLine($"gateway connections: {connections.Count}; identifies: {connections.Count(c => c.Identified)}; resumes: {connections.Count(c => c.Resumed)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency: baseline median {baselineMedian.TotalMilliseconds:F0} ms; soak median {Samples.Of(soak.Select(q => q.Latency ?? limit)).Median:F0} ms, worst {worst.TotalMilliseconds:F0} ms; worst added {(worst - baselineMedian).TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worst among questions whose event was not lost: {worstFirstAttempt.TotalMilliseconds:F0} ms (added {(worstFirstAttempt - baselineMedian).TotalMilliseconds:F0} ms)"));
        Console.WriteLine($"REST violations: {bot.Server.Rest.Violations.Count}; gateway violations: {bot.Server.Gateway.Violations.Count}");
        foreach (var violation in bot.Server.Rest.Violations.Concat(bot.Server.Gateway.Violations).Distinct().Take(10))
        {
            Console.WriteLine($"  {violation}");
        }

        return unanswered == 0 && answeredTwice == 0 && duplicateCallbacks == 0 && shownWrong == 0 && duplicateFollowups == 0 && invalid.Count == 0 ? 0 : 1;
    }

    /// <summary>Each user asks one question after another while <paramref name="more"/> (given how many they asked) says so; the bot allows one pending request per user.</summary>
    private static async Task<List<SoakQuestion>> AskAllAsync(BotHarness bot, int users, Func<int, bool> more, CancellationToken cancellationToken)
    {
        var questions = new List<SoakQuestion>();
        var runs = Enumerable.Range(0, users).Select(async user =>
        {
            for (var i = 0; more(i) && !cancellationToken.IsCancellationRequested; i++)
            {
                var question = new SoakQuestion(user, Questions[(user + i) % Questions.Length]);
                lock (questions)
                {
                    questions.Add(question);
                }

                await AskUntilAnsweredAsync(bot, question, cancellationToken);
            }
        });
        await Task.WhenAll(runs);
        return questions;
    }

    private static async Task AskUntilAnsweredAsync(BotHarness bot, SoakQuestion question, CancellationToken cancellationToken)
    {
        var firstAsked = DateTimeOffset.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            var token = await InjectAsync(bot, question, cancellationToken);
            var askedAt = DateTimeOffset.UtcNow;
            while (DateTimeOffset.UtcNow - askedAt < ReaskAfter && !cancellationToken.IsCancellationRequested)
            {
                if (IsAnswered(bot, token))
                {
                    question.Latency = DateTimeOffset.UtcNow - firstAsked;
                    // The queue frees the user a moment after the last edit; asking sooner would be refused.
                    await Task.Delay(100, CancellationToken.None);
                    return;
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    /// <summary>Injects the question as an interaction as soon as a session can carry it.</summary>
    private static async Task<string> InjectAsync(BotHarness bot, SoakQuestion question, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (bot.Server.Gateway.HasSession)
            {
                var id = bot.NewId();
                var token = $"tok-{id}";
                try
                {
                    await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(
                        id, token, "ask", new Dictionary<string, object> { ["question"] = question.Text }, userId: 10_000 + (ulong)question.User));
                    question.Attempts.Add((token, DateTimeOffset.UtcNow));
                    return token;
                }
                catch (Exception e) when (e is InvalidOperationException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
                {
                    // The connection went away between the check and the send; the next session takes it.
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Answered: the last message (the follow-up) carries the sources embed, as Discord holds it.</summary>
    private static bool IsAnswered(BotHarness bot, string token) =>
        bot.Server.Rest.Interactions.ByToken(token) is { } interaction
        && interaction.Followups.Any(f => f["embeds"]!.AsArray().Count > 0);

    private static string Shown(BotHarness bot, string token)
    {
        var interaction = bot.Server.Rest.Interactions.ByToken(token)!;
        return (interaction.Original?["content"]?.GetValue<string>() ?? "") + string.Concat(interaction.Followups.Select(f => f["content"]!.GetValue<string>()));
    }

    private static bool EverySentenceOnce(BotHarness bot, string token)
    {
        var shown = Shown(bot, token);
        return Enumerable.Range(1, Sentences).All(i => Regex.Count(shown, $"Sentence {i:D3}:") == 1);
    }

    /// <summary>Follow-ups of one interaction that repeat an earlier one's text.</summary>
    private static int DuplicateFollowups(BotHarness bot, string token)
    {
        var followups = bot.Server.Rest.Interactions.ByToken(token)?.Followups ?? [];
        return followups.Count - followups.Select(f => f["content"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count();
    }

    private static async Task InjectFaultsAsync(BotHarness bot, int faults, Dictionary<string, int> injected, CancellationToken stop)
    {
        var gateway = bot.Server.Gateway;
        var rest = bot.Server.Rest;
        var kinds = new (string Name, Func<Task> Inject)[]
        {
            ("connection drop", () => { gateway.Drop(); return Task.CompletedTask; }),
            ("zombie (heartbeats unacknowledged)", async () => { gateway.AckHeartbeats = false; await Task.Delay(1500, CancellationToken.None); gateway.AckHeartbeats = true; }),
            ("close 4000 (resumable)", () => gateway.CloseAsync(4000)),
            ("close 4009 (session timed out)", () => gateway.CloseAsync(4009)),
            ("op 7 reconnect", () => gateway.SendOpAsync(7)),
            ("op 9 resumable", () => gateway.SendOpAsync(9, true)),
            ("op 9 not resumable", () => gateway.SendOpAsync(9, false)),
            ("429 bucket on response edits", () => Enqueue(rest, "original-edit", new RestFault.BucketRateLimited(TimeSpan.FromMilliseconds(300)))),
            ("429 bucket on interaction callbacks", () => Enqueue(rest, "interaction-callback", new RestFault.BucketRateLimited(TimeSpan.FromMilliseconds(200)))),
            // Interaction routes are exempt from the global limit; /gateway/bot (before every fresh session) is not.
            ("429 global (on /gateway/bot)", () => Enqueue(rest, "gateway-bot", new RestFault.GlobalRateLimited(TimeSpan.FromMilliseconds(300)))),
            ("lost callback response", () => Enqueue(rest, "interaction-callback", new RestFault.LoseResponse())),
            ("500 on a callback", () => Enqueue(rest, "interaction-callback", new RestFault.Status(500))),
            ("lost follow-up response", () => Enqueue(rest, "followup", new RestFault.LoseResponse())),
            ("502 on a follow-up", () => Enqueue(rest, "followup", new RestFault.Status(502))),
            ("lost response-edit response", () => Enqueue(rest, "original-edit", new RestFault.LoseResponse())),
            ("503 on a response edit", () => Enqueue(rest, "original-edit", new RestFault.Status(503))),
        };
        for (var i = 0; i < faults && !stop.IsCancellationRequested; i++)
        {
            var (name, inject) = kinds[i % kinds.Length];
            try
            {
                await Task.Delay(200, stop);
                if (!gateway.HasSession && i % kinds.Length < 7)
                {
                    // A gateway fault needs a live session to hit; wait for the bot to be back first.
                    await Eventually.TrueAsync(() => gateway.HasSession, TimeSpan.FromSeconds(10));
                }

                await inject();
                injected[name] = injected.GetValueOrDefault(name) + 1;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.Net.WebSockets.WebSocketException)
            {
                // The connection changed under the fault; the next one goes in anyway.
            }
        }
    }

    private static Task Enqueue(FakeRestApi rest, string route, RestFault fault)
    {
        rest.EnqueueFault(route, fault);
        return Task.CompletedTask;
    }
}
