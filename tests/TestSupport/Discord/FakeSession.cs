namespace PaperBot.TestSupport.Discord;

/// <summary>A gateway session: its sequence counter and the dispatches a resume replays.</summary>
internal sealed class FakeSession(string id)
{
    public string Id { get; } = id;

    public int Sequence { get; set; }

    /// <summary>The intents the bot identified with; they decide which events and what message content it gets.</summary>
    public int Intents { get; init; }

    public List<(int Sequence, string Frame)> Sent { get; } = [];
}
