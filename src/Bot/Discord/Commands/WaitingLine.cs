namespace PaperBot.Bot.Discord.Commands;

/// <summary>
/// Tickets in arrival order for requests that wait in the <see cref="RequestQueue"/>, so each waiting user can
/// be told their current position (the queue itself reports only the position on arrival).
/// </summary>
public sealed class WaitingLine
{
    private readonly Lock _lock = new();
    private readonly SortedSet<long> _waiting = [];
    private long _next;

    public long Join()
    {
        lock (_lock)
        {
            var ticket = ++_next;
            _waiting.Add(ticket);
            return ticket;
        }
    }

    public void Leave(long ticket)
    {
        lock (_lock)
        {
            _waiting.Remove(ticket);
        }
    }

    /// <summary>1 for the next to start; 0 once the ticket has left the line.</summary>
    public int PositionOf(long ticket)
    {
        lock (_lock)
        {
            return _waiting.Contains(ticket) ? _waiting.GetViewBetween(long.MinValue, ticket).Count : 0;
        }
    }
}
