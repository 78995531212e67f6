using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PaperBot.Rag.Llm.Native;

/// <summary>
/// Routes llama.cpp's and ggml's log to an <see cref="ILogger"/>. The callback is a static
/// <see cref="UnmanagedCallersOnlyAttribute"/> method, so there is no delegate for the GC to collect.
/// ggml sends some lines in pieces (level CONT), so text is assembled per thread up to the newline.
/// Warnings and errors of the current thread can be captured to explain a failed load.
/// </summary>
internal static unsafe partial class LlamaLog
{
    private static ILogger _logger = NullLogger.Instance;

    [ThreadStatic]
    private static StringBuilder? _line;

    [ThreadStatic]
    private static GgmlLogLevel _lineLevel;

    [ThreadStatic]
    private static List<string>? _capture;

    public static void Install(ILogger logger)
    {
        _logger = logger;
        LlamaNative.llama_log_set(&OnLog, null);
    }

    /// <summary>Collects this thread's warning and error lines until the returned list is handed to <see cref="EndCapture"/>.</summary>
    public static List<string> BeginCapture() => _capture = [];

    public static void EndCapture() => _capture = null;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(GgmlLogLevel level, byte* text, void* userData)
    {
        try
        {
            var piece = Marshal.PtrToStringUTF8((nint)text) ?? "";
            var line = _line ??= new StringBuilder();
            if (level != GgmlLogLevel.Cont)
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

    private static void Write(GgmlLogLevel level, string message)
    {
        if (message.Length == 0)
        {
            return;
        }

        if (level >= GgmlLogLevel.Warn)
        {
            _capture?.Add(message);
        }

        var logLevel = level switch
        {
            GgmlLogLevel.Error => LogLevel.Error,
            GgmlLogLevel.Warn => LogLevel.Warning,
            GgmlLogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        Native(_logger, logLevel, message);
    }

    [LoggerMessage(Message = "llama.cpp: {Message}")]
    private static partial void Native(ILogger logger, LogLevel level, string message);
}
