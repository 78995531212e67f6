using System.Text.RegularExpressions;

namespace PaperBot.TestSupport.Discord;

/// <summary>A REST route the fake serves: its bucket hash, whether it creates or edits a message, and its exemption from the global limit.</summary>
internal sealed record FakeRoute(
    string Name,
    string Method,
    Regex Pattern,
    bool IsMessageWrite,
    bool ExemptFromGlobal,
    Func<FakeRestRequest, FakeRestResponse> Handle)
{
    /// <summary>Posts into the channel in its path (needs Send Messages there): refused in a channel the test denied.</summary>
    public bool PostsInChannel { get; init; }
}
