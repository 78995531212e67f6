using System.Collections.Concurrent;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The fire-and-forget tasks handlers start off the receive loop, kept so that shutdown can wait for them
/// (answers finish or say they were stopped) instead of abandoning them mid-edit.
/// </summary>
public sealed class InFlightWork
{
    private readonly ConcurrentDictionary<Task, byte> _tasks = new();

    public int Count => _tasks.Count;

    public void Track(Task task)
    {
        _tasks.TryAdd(task, 0);
        _ = task.ContinueWith(t => _tasks.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for every tracked task, or until <paramref name="timeout"/>; their failures are the handlers' to log.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time)
    {
        var all = Task.WhenAll(_tasks.Keys);
        await Task.WhenAny(all, Task.Delay(timeout, time));
    }
}
