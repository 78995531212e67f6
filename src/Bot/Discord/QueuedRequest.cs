namespace PaperBot.Bot.Discord;

internal sealed record QueuedRequest(ulong UserId, Func<CancellationToken, Task> Work, TaskCompletionSource Completion);
