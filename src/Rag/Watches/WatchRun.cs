namespace PaperBot.Rag.Watches;

/// <summary>
/// What a sync does for the watches: every watch that is not muted is matched against the synced days' papers added
/// to the index after the watch was created (<see cref="Watch.AfterPid"/>), and the ledger records, in one transaction, an alert per watch for the papers it was
/// not told about yet. The local user's alerts are complete once returned (the caller prints them); Discord's wait
/// in the ledger until the bot has sent them.
/// </summary>
public sealed class WatchRun(WatchStore watches, WatchMatcher matcher, WatchLedger ledger, TimeProvider time)
{
    public async Task<IReadOnlyList<WatchAlert>> DecideAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        var decisions = new List<(Watch Watch, IReadOnlyList<WatchMatch> Matches)>();
        foreach (var watch in watches.Active())
        {
            var matches = new List<WatchMatch>();
            foreach (var day in days.Order())
            {
                matches.AddRange((await matcher.MatchAsync(watch, day, cancellationToken)).Where(m => m.Pid > watch.AfterPid && !matches.Any(x => x.Pid == m.Pid)));
            }

            decisions.Add((watch, matches));
        }

        var now = time.GetUtcNow();
        return [.. ledger.Decide([.. decisions.Where(d => d.Watch.Owner.Kind == WatchOwnerKind.Local)], now, delivered: true),
            .. ledger.Decide([.. decisions.Where(d => d.Watch.Owner.Kind != WatchOwnerKind.Local)], now)];
    }

    /// <summary>What <paramref name="watch"/> matches on <paramref name="day"/>, delivered before or not (a dry run: nothing is recorded).</summary>
    public Task<IReadOnlyList<WatchMatch>> CheckAsync(Watch watch, DateOnly day, CancellationToken cancellationToken) =>
        matcher.MatchAsync(watch, day, cancellationToken);
}
