using System.Text;
using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Routes llama.cpp's and ggml's log (through LLamaSharp's callback) to an <see cref="ILogger"/>. ggml sends some
/// lines in pieces (level Continue), so text is assembled per thread up to the newline. Warnings and errors of the
/// current thread can be captured to explain a failed load; LLamaSharp's own ILogger bridge cannot do that.
/// </summary>
internal static partial class LlamaLog
{
    private static ILogger _logger = NullLogger.Instance;

    [ThreadStatic]
    private static StringBuilder? _line;

    [ThreadStatic]
    private static LLamaLogLevel _lineLevel;

    [ThreadStatic]
    private static List<string>? _capture;

    /// <summary>The callback LLamaSharp hands to llama_log_set; a static delegate, so it is never collected.</summary>
    public static NativeLogConfig.LLamaLogCallback Callback { get; } = OnLog;

    public static void UseLogger(ILogger logger) => _logger = logger;

    /// <summary>Collects this thread's warning and error lines until <see cref="EndCapture"/>.</summary>
    public static List<string> BeginCapture() => _capture = [];

    public static void EndCapture() => _capture = null;

    private static void OnLog(LLamaLogLevel level, string piece)
    {
        try
        {
            var line = _line ??= new StringBuilder();
            if (level != LLamaLogLevel.Continue)
            {
                _lineLevel = level;
            }

            line.Append(piece);
            if (!piece.EndsWith('\n'))
            {
                return;
            }

            var message = line.ToString().TrimEnd();
            line.Clear();
            Write(_lineLevel, message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An exception must never unwind into native code; a lost log line is the lesser harm.
            return;
        }
    }

    private static void Write(LLamaLogLevel level, string message)
    {
        if (message.Length == 0)
        {
            return;
        }

        if (level is LLamaLogLevel.Warning or LLamaLogLevel.Error)
        {
            _capture?.Add(message);
        }

        var logLevel = level switch
        {
            // A captured error is the reason in the exception that explains the failed load: logged as an error as
            // well, the user would read it twice, once as a "fail:" line.
            LLamaLogLevel.Error when _capture is not null => LogLevel.Debug,
            LLamaLogLevel.Error => LogLevel.Error,
            LLamaLogLevel.Warning => LogLevel.Warning,
            LLamaLogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        Native(_logger, logLevel, message);
    }

    [LoggerMessage(Message = "llama.cpp: {Message}")]
    private static partial void Native(ILogger logger, LogLevel level, string message);
}
