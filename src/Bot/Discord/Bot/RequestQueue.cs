using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Fair access to the answering engine: a bounded line, one request per user at a time, a per-user cooldown,
/// and an honest estimate of the wait from measured service times. <see cref="RunAsync"/> drains it with as
/// many workers as the engine runs sequences in parallel. It is the one source of a request's position and
/// estimated wait, on arrival and (<see cref="PlaceOf"/>) while it waits.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue of user requests, and the brief and handlers call it that.")]
public sealed class RequestQueue(RequestQueueOptions options, TimeProvider timeProvider, ILogger<RequestQueue> logger)
{
    // Weight of the newest measurement in the moving average: recent load matters, one outlier does not dominate.
    private const double Smoothing = 0.3;

    private readonly Channel<QueuedRequest> _line = Channel.CreateUnbounded<QueuedRequest>();
    private readonly Lock _lock = new();
    private readonly HashSet<ulong> _usersInLine = [];

    // The tickets of waiting requests in arrival order: a request's position is its rank here.
    private readonly SortedSet<long> _tickets = [];
    private long _lastTicket;
    private readonly Dictionary<ulong, DateTimeOffset> _lastAcceptedAt = [];
    private int _waiting;
    private int _running;
    private TimeSpan _averageServiceTime = options.InitialServiceTime;
    private bool _measured;

    public int Waiting { get { lock (_lock) { return _waiting; } } }

    public int Running { get { lock (_lock) { return _running; } } }

    public TimeSpan AverageServiceTime { get { lock (_lock) { return _averageServiceTime; } } }

    /// <summary>Queues <paramref name="work"/> for <paramref name="userId"/>, or says why not; never blocks.</summary>
    public QueueAdmission TryEnqueue(ulong userId, Func<CancellationToken, Task> work)
    {
        QueueAdmission admission;
        lock (_lock)
        {
            admission = Admit(userId);
            if (admission.Accepted)
            {
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _usersInLine.Add(userId);
                _lastAcceptedAt[userId] = timeProvider.GetUtcNow();
                _waiting++;
                var ticket = ++_lastTicket;
                _tickets.Add(ticket);
                admission = admission with { Completion = completion.Task, Ticket = ticket };
                _line.Writer.TryWrite(new QueuedRequest(userId, ticket, work, completion));
            }
        }

        if (admission.Accepted)
        {
            logger.Queued(userId, admission.Position);
        }
        else
        {
            logger.Refused(userId, admission.Rejection);
        }

        return admission;
    }

    /// <summary>Where a waiting request stands now: its position and estimated wait; position 0 once it started or left.</summary>
    public QueueAdmission PlaceOf(long ticket)
    {
        lock (_lock)
        {
            if (!_tickets.Contains(ticket))
            {
                return new QueueAdmission { Ticket = ticket };
            }

            var position = _tickets.GetViewBetween(long.MinValue, ticket).Count;
            return new QueueAdmission { Position = position, Ticket = ticket, EstimatedWait = EstimateWait(position - 1 + _running) };
        }
    }

    /// <summary>Runs requests with <see cref="RequestQueueOptions.Workers"/> workers until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => WorkAsync(cancellationToken));
        await Task.WhenAll(workers);
        while (_line.Reader.TryRead(out var abandoned))
        {
            lock (_lock)
            {
                _tickets.Remove(abandoned.Ticket);
            }

            abandoned.Completion.TrySetCanceled(cancellationToken);
        }
    }

    private QueueAdmission Admit(ulong userId)
    {
        if (_usersInLine.Contains(userId))
        {
            return new QueueAdmission { Rejection = QueueRejection.AlreadyQueued };
        }

        var isAdmin = options.AdminUserIds.Contains(userId);
        if (!isAdmin && _lastAcceptedAt.TryGetValue(userId, out var last))
        {
            var remaining = options.Cooldown - (timeProvider.GetUtcNow() - last);
            if (remaining > TimeSpan.Zero)
            {
                return new QueueAdmission { Rejection = QueueRejection.CoolingDown, EstimatedWait = remaining };
            }
        }

        if (_waiting >= options.Capacity)
        {
            // A place frees up when the first running request ends: on average a service time per worker.
            return new QueueAdmission { Rejection = QueueRejection.Full, EstimatedWait = _averageServiceTime / Math.Max(1, options.Workers) };
        }

        var ahead = _waiting + _running;
        return new QueueAdmission { Position = _waiting + 1, EstimatedWait = EstimateWait(ahead) };
    }

    /// <summary>No wait while a worker is free; otherwise the requests ahead share the workers.</summary>
    private TimeSpan EstimateWait(int ahead) =>
        ahead < options.Workers ? TimeSpan.Zero : _averageServiceTime * ahead / Math.Max(1, options.Workers);

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var request in _line.Reader.ReadAllAsync(cancellationToken))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // ReadAllAsync still hands out queued items after cancellation; stopping must not start them.
                    request.Completion.TrySetCanceled(cancellationToken);
                    break;
                }

                await RunOneAsync(request, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOneAsync(QueuedRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _waiting--;
            _running++;
            _tickets.Remove(request.Ticket);
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await request.Work(cancellationToken);
            request.Completion.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            request.Completion.TrySetCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            // One failed answer must not stop the worker that serves everyone else.
            logger.Failed(request.UserId, e);
            request.Completion.TrySetException(e);
        }
        finally
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            lock (_lock)
            {
                _running--;
                _usersInLine.Remove(request.UserId);
                _averageServiceTime = _measured ? (_averageServiceTime * (1 - Smoothing)) + (elapsed * Smoothing) : elapsed;
                _measured = true;
            }
        }
    }
}
