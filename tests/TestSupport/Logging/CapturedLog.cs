using Microsoft.Extensions.Logging;

namespace PaperBot.TestSupport.Logging;

public sealed record CapturedLog(LogLevel Level, string Category, string Message, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message} {Exception}";
}
