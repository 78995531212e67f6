using Microsoft.Extensions.Logging;

namespace PaperBot.Rag.Corpus;

public sealed partial class DailyPapersClient
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "GET {RequestPath}")]
    private partial void LogRequest(string requestPath);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{RequestPath}: {Items} items, {Added} new papers")]
    private partial void LogPage(string requestPath, int items, int added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped paging {Period} at page {Page}: it held only papers already seen (does the server ignore p?)")]
    private partial void LogRepeatedPage(string period, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Papers} papers for {Period} in {Pages} pages ({Duplicates} duplicates, {Warnings} warnings)")]
    private partial void LogFetched(string period, int papers, int pages, int duplicates, int warnings);
}
