namespace PaperBot.TestSupport.Discord;

/// <summary>One WebSocket connection the bot opened: where, with what query, and how the bot closed it.</summary>
public sealed class GatewayConnectionRecord(int index, string path, string query)
{
    public int Index { get; } = index;

    /// <summary>"/gateway" for fresh sessions, "/resume" when the bot used resume_gateway_url.</summary>
    public string Path { get; } = path;

    public string Query { get; } = query;

    /// <summary>The close code the bot sent, or null if it never sent one.</summary>
    public int? ClientCloseCode { get; internal set; }

    /// <summary>The close code the fake sent, or null.</summary>
    public int? ServerCloseCode { get; internal set; }

    public bool Identified { get; internal set; }

    public bool Resumed { get; internal set; }

    public bool Ended { get; internal set; }
}
