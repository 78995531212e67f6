namespace PaperBot.Bot.Discord.Bot;

internal sealed record QueuedRequest(ulong UserId, long Ticket, Func<CancellationToken, Task> Work, TaskCompletionSource Completion);
