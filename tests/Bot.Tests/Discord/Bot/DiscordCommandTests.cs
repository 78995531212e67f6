using PaperBot.Bot.Tests.Cli;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>`paperbot discord` as a real process: the two ways it refuses to run.</summary>
public sealed class DiscordCommandTests
{
    [Fact]
    public async Task Without_a_token_it_names_the_setting_and_exits_2()
    {
        using var workspace = new PaperBotProcess();

        var result = await workspace.RunAsync("discord");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Discord:Token", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("PAPERBOT_Discord__Token", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("user-secrets", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_exits_3_with_a_clear_message_that_does_not_show_it()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        const string wrongToken = "wrong-token.SECRET-zzz";
        using var workspace = new PaperBotProcess(
            $$""", "Discord": { "Token": "{{wrongToken}}", "ApplicationId": 200, "ApiBaseUrl": "{{discord.ApiBaseUrl}}", "GatewayUrl": "{{discord.GatewayUrl}}" }""");

        var result = await workspace.RunAsync("discord");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("token", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(wrongToken, result.Stderr + result.Stdout, StringComparison.Ordinal);
    }
}
