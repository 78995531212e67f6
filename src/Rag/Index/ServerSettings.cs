namespace PaperBot.Rag.Index;

/// <summary>
/// One server's settings, kept in the index so that its admins change them from Discord without a restart; what is
/// unset follows appsettings.json. <see cref="DigestTime"/> is the local time, in <see cref="TimeZone"/> (an IANA
/// id), of the server's daily sync and digest; <see cref="LastRunDay"/> the local day it last ran, and
/// <see cref="DigestedDay"/> the papers' day whose digest it last posted (a weekend brings no new day to post).
/// </summary>
public sealed record ServerSettings(string ServerId)
{
    public IReadOnlyList<string> DigestChannels { get; init; } = [];

    public TimeOnly? DigestTime { get; init; }

    public string? TimeZone { get; init; }

    public DateOnly? LastRunDay { get; init; }

    public DateOnly? DigestedDay { get; init; }
}
