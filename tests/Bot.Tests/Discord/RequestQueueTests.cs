using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord.Bot;

namespace PaperBot.Bot.Tests.Discord;

public sealed class RequestQueueTests
{
    private readonly FakeTimeProvider _time = new();

    private RequestQueue Queue(int capacity = 10, int workers = 1, int cooldownSeconds = 0, params ulong[] admins) => new(
        new RequestQueueOptions
        {
            Capacity = capacity,
            Workers = workers,
            Cooldown = TimeSpan.FromSeconds(cooldownSeconds),
            AdminUserIds = admins.ToHashSet(),
            InitialServiceTime = TimeSpan.FromSeconds(10),
        },
        _time,
        NullLogger<RequestQueue>.Instance);

    private static Func<CancellationToken, Task> Blocked(TaskCompletionSource gate) => _ => gate.Task;

    [Fact]
    public async Task Runs_accepted_work()
    {
        var queue = Queue();
        using var stop = new CancellationTokenSource();
        var ran = false;
        var admission = queue.TryEnqueue(1, _ => { ran = true; return Task.CompletedTask; });
        var run = queue.RunAsync(stop.Token);

        await admission.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(ran);
        Assert.Equal(1, admission.Position);
        Assert.Equal(TimeSpan.Zero, admission.EstimatedWait);
        Assert.Equal("Working on it.", admission.Message);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task The_queue_tells_each_waiting_request_its_current_place_and_wait()
    {
        var queue = Queue(workers: 1);
        using var stop = new CancellationTokenSource();
        var gate = new TaskCompletionSource();
        var running = queue.TryEnqueue(1, Blocked(gate));
        var run = queue.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => queue.Running == 1);
        var second = queue.TryEnqueue(2, Blocked(gate));
        var third = queue.TryEnqueue(3, Blocked(gate));

        Assert.Equal(0, queue.PlaceOf(running.Ticket).Position);
        Assert.Equal((1, TimeSpan.FromSeconds(10)), (queue.PlaceOf(second.Ticket).Position, queue.PlaceOf(second.Ticket).EstimatedWait));
        Assert.Equal((2, TimeSpan.FromSeconds(20)), (queue.PlaceOf(third.Ticket).Position, queue.PlaceOf(third.Ticket).EstimatedWait));
        // On arrival the admission said the same.
        Assert.Equal((third.Position, third.EstimatedWait), (queue.PlaceOf(third.Ticket).Position, queue.PlaceOf(third.Ticket).EstimatedWait));

        gate.SetResult();
        await third.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, queue.PlaceOf(third.Ticket).Position);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_user_has_one_request_at_a_time()
    {
        var queue = Queue();
        using var stop = new CancellationTokenSource();
        var gate = new TaskCompletionSource();
        var first = queue.TryEnqueue(1, Blocked(gate));
        var run = queue.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => queue.Running == 1);

        var second = queue.TryEnqueue(1, _ => Task.CompletedTask);
        Assert.Equal(QueueRejection.AlreadyQueued, second.Rejection);
        Assert.True(queue.TryEnqueue(2, _ => Task.CompletedTask).Accepted);

        gate.SetResult();
        await first.Completion;
        await Eventually.TrueAsync(() => queue.Running == 0 && queue.Waiting == 0);
        Assert.True(queue.TryEnqueue(1, _ => Task.CompletedTask).Accepted);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Cooldown_refuses_until_it_passes_and_admins_skip_it()
    {
        var queue = Queue(cooldownSeconds: 30, admins: 9);
        using var stop = new CancellationTokenSource();
        var run = queue.RunAsync(stop.Token);
        await queue.TryEnqueue(1, _ => Task.CompletedTask).Completion;
        await queue.TryEnqueue(9, _ => Task.CompletedTask).Completion;
        await Eventually.TrueAsync(() => queue.Running == 0);
        _time.Advance(TimeSpan.FromSeconds(10));

        var early = queue.TryEnqueue(1, _ => Task.CompletedTask);
        Assert.Equal(QueueRejection.CoolingDown, early.Rejection);
        Assert.Equal(TimeSpan.FromSeconds(20), early.EstimatedWait);
        Assert.Equal("Please wait 20 s before asking again.", early.Message);
        Assert.True(queue.TryEnqueue(9, _ => Task.CompletedTask).Accepted);

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(queue.TryEnqueue(1, _ => Task.CompletedTask).Accepted);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public void A_full_queue_refuses_with_a_retry_time()
    {
        var queue = Queue(capacity: 2, workers: 2);
        Assert.True(queue.TryEnqueue(1, _ => Task.CompletedTask).Accepted);
        Assert.True(queue.TryEnqueue(2, _ => Task.CompletedTask).Accepted);

        var refused = queue.TryEnqueue(3, _ => Task.CompletedTask);

        Assert.Equal(QueueRejection.Full, refused.Rejection);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.EstimatedWait);
        Assert.Equal("PaperBot is busy; try again in 5 s.", refused.Message);
    }

    [Fact]
    public void Positions_and_waits_follow_the_line_and_the_workers()
    {
        var queue = Queue(workers: 2);

        var admissions = Enumerable.Range(1, 5).Select(u => queue.TryEnqueue((ulong)u, _ => Task.CompletedTask)).ToList();

        Assert.Equal([1, 2, 3, 4, 5], admissions.Select(a => a.Position));
        Assert.Equal([0, 0, 10, 15, 20], admissions.Select(a => a.EstimatedWait.TotalSeconds));
        Assert.Equal("Queued at position 3; starting in about 10 s.", admissions[2].Message);
    }

    [Fact]
    public async Task The_wait_estimate_follows_measured_service_times()
    {
        var queue = Queue(workers: 1);
        using var stop = new CancellationTokenSource();
        var run = queue.RunAsync(stop.Token);

        await queue.TryEnqueue(1, _ => { _time.Advance(TimeSpan.FromSeconds(4)); return Task.CompletedTask; }).Completion;
        await Eventually.TrueAsync(() => queue.Running == 0);
        Assert.Equal(TimeSpan.FromSeconds(4), queue.AverageServiceTime);

        await queue.TryEnqueue(2, _ => { _time.Advance(TimeSpan.FromSeconds(14)); return Task.CompletedTask; }).Completion;
        await Eventually.TrueAsync(() => queue.Running == 0);
        Assert.Equal(TimeSpan.FromSeconds(7), queue.AverageServiceTime);

        var gate = new TaskCompletionSource();
        queue.TryEnqueue(3, Blocked(gate));
        await Eventually.TrueAsync(() => queue.Running == 1);
        Assert.Equal(TimeSpan.FromSeconds(7), queue.TryEnqueue(4, _ => Task.CompletedTask).EstimatedWait);
        gate.SetResult();
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Workers_run_in_parallel_up_to_their_number_and_survive_failures()
    {
        var queue = Queue(workers: 2);
        using var stop = new CancellationTokenSource();
        var gate = new TaskCompletionSource();
        var failing = queue.TryEnqueue(1, _ => throw new InvalidOperationException("boom"));
        var run = queue.RunAsync(stop.Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Completion);

        var blocked = Enumerable.Range(2, 3).Select(u => queue.TryEnqueue((ulong)u, Blocked(gate))).ToList();
        // Both workers busy and the third request waiting: a third worker would have to exist to run it.
        await Eventually.TrueAsync(() => queue.Running == 2 && queue.Waiting == 1);
        Assert.Equal(2, queue.Running);
        Assert.Equal(1, queue.Waiting);

        gate.SetResult();
        await Task.WhenAll(blocked.Select(b => b.Completion));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Stopping_cancels_waiting_requests()
    {
        var queue = Queue(workers: 1);
        using var stop = new CancellationTokenSource();
        var gate = new TaskCompletionSource();
        var running = queue.TryEnqueue(1, async ct => await gate.Task.WaitAsync(ct));
        var waiting = queue.TryEnqueue(2, _ => Task.CompletedTask);
        var run = queue.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => queue.Running == 1);

        await stop.CancelAsync();
        await run;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.Completion);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Completion);
    }
}
