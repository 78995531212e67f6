namespace PaperBot.TestSupport;

/// <summary>
/// The trait of the tests that take five seconds or more (real processes, servers, whole development sets), so that an
/// inner loop can leave them out: <c>dotnet test --filter "Speed!=slow"</c>. The full suite, and CI, run them all.
/// </summary>
public static class TestSpeed
{
    public const string Trait = "Speed";

    public const string Slow = "slow";
}
