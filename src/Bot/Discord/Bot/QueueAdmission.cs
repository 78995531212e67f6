namespace PaperBot.Bot.Discord.Bot;

/// <summary>The queue's answer to one request: accepted with a place in line, or refused with when to retry.</summary>
public sealed record QueueAdmission
{
    public bool Accepted => Rejection == QueueRejection.None;

    public QueueRejection Rejection { get; init; }

    /// <summary>1 for the next request to start; 0 when refused or once started.</summary>
    public int Position { get; init; }

    /// <summary>The accepted request's place in line, for <see cref="RequestQueue.PlaceOf"/>; 0 when refused.</summary>
    public long Ticket { get; init; }

    /// <summary>How long until the request likely starts; for a refusal, how long until asking again may work.</summary>
    public TimeSpan EstimatedWait { get; init; }

    /// <summary>Completes when the accepted work has run (faulted if it threw, cancelled if the queue stopped first).</summary>
    public Task Completion { get; init; } = Task.CompletedTask;

    /// <summary>A short sentence for the user.</summary>
    public string Message => Rejection switch
    {
        QueueRejection.None when EstimatedWait >= TimeSpan.FromSeconds(1) =>
            $"Queued at position {Position}; starting in about {Seconds(EstimatedWait)} s.",
        QueueRejection.None => "Working on it.",
        QueueRejection.AlreadyQueued => "Your previous question is still being answered; please wait for it first.",
        QueueRejection.CoolingDown => $"Please wait {Seconds(EstimatedWait)} s before asking again.",
        _ => $"PaperBot is busy; try again in {Seconds(EstimatedWait)} s.",
    };

    private static int Seconds(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
}
