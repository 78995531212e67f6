namespace PaperBot.Bot.Discord;

internal sealed record QueuedRequest(ulong UserId, long Ticket, Func<CancellationToken, Task> Work, TaskCompletionSource Completion);
