namespace PaperBot.Bot.Tests.Discord.Fake;

/// <summary>A gateway session: its sequence counter and the dispatches a resume replays.</summary>
internal sealed class FakeSession(string id)
{
    public string Id { get; } = id;

    public int Sequence { get; set; }

    public List<(int Sequence, string Frame)> Sent { get; } = [];
}
