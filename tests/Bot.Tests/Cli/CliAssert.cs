namespace PaperBot.Bot.Tests.Cli;

internal static class CliAssert
{
    /// <summary>A user mistake is told in words: no stack trace, no "unexpected failure", no host failure log.</summary>
    public static void NoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected failure", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", result.Stderr, StringComparison.Ordinal);
    }
}
