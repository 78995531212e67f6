using PaperBot.Rag.Index;

namespace PaperBot.Rag.Watches;

/// <summary>
/// What a sync does for the watches: every watch that is not muted is matched against the synced days' papers added
/// to the index after the watch was created (<see cref="Watch.AfterPid"/>), and the ledger records, in one transaction, an alert per watch for the papers it was
/// not told about yet. The local user's alerts are complete once returned (the caller prints them); Discord's wait
/// in the ledger until the bot has sent them.
/// </summary>
public sealed class WatchRun(WatchStore watches, WatchMatcher matcher, WatchLedger ledger, PaperStore store, TimeProvider time)
{
    public async Task<IReadOnlyList<WatchAlert>> DecideAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        var active = watches.Active();
        var matched = active.ToDictionary(w => w.Id, _ => new List<WatchMatch>());
        foreach (var day in days.Order())
        {
            // Read once for every watch.
            var papers = store.PapersOfDayWithPids(day);
            foreach (var watch in active)
            {
                var matches = matched[watch.Id];
                matches.AddRange((await matcher.MatchAsync(watch, day, cancellationToken, papers)).Where(m => m.Pid > watch.AfterPid && !matches.Any(x => x.Pid == m.Pid)));
            }
        }

        var decisions = active.Select(w => (Watch: w, Matches: (IReadOnlyList<WatchMatch>)matched[w.Id])).ToList();

        var now = time.GetUtcNow();
        return [.. ledger.Decide([.. decisions.Where(d => d.Watch.Owner.Kind == WatchOwnerKind.Local)], now, delivered: true),
            .. ledger.Decide([.. decisions.Where(d => d.Watch.Owner.Kind != WatchOwnerKind.Local)], now)];
    }

    /// <summary>What <paramref name="watch"/> matches on <paramref name="day"/>, delivered before or not (a dry run: nothing is recorded).</summary>
    public Task<IReadOnlyList<WatchMatch>> CheckAsync(Watch watch, DateOnly day, CancellationToken cancellationToken) =>
        matcher.MatchAsync(watch, day, cancellationToken);
}
