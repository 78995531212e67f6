using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord;

public sealed class ModelHelpersTests
{
    [Fact]
    public void Snowflakes_carry_their_creation_time()
    {
        // The example id from Discord's reference docs.
        Assert.Equal(DateTimeOffset.Parse("2016-04-30T11:18:25.796Z", System.Globalization.CultureInfo.InvariantCulture), Snowflake.CreatedAt(175928847299117063));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        Assert.Equal(now, Snowflake.CreatedAt(Snowflake.FromTime(now)));
    }

    [Fact]
    public void Slash_command_options_read_by_name_and_type()
    {
        var json = System.Text.Json.JsonSerializer.SerializeToElement(FakePayloads.SlashCommand(
            1, "t", "ask", new Dictionary<string, object> { ["question"] = "why?", ["top"] = 5, ["greedy"] = true, ["temperature"] = 0.5 }));
        var interaction = new GatewayDispatch(GatewayEvents.InteractionCreate, 1, json).As<DiscordInteraction>()!;
        var options = interaction.Data!.Options;

        Assert.Equal("why?", options.GetString("question"));
        Assert.Equal(5, options.GetInteger("top"));
        Assert.True(options.GetBoolean("greedy"));
        Assert.Equal(0.5, options.GetNumber("temperature"));
        Assert.Null(options.GetString("missing"));
        Assert.Null(options.GetString("top"));
        Assert.Equal(ApplicationCommandOptionType.String, options.Find("question")!.Type);
    }
}
