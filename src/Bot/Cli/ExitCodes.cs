namespace PaperBot.Bot.Cli;

/// <summary>The exit codes of every command (the command-line contract in DESIGN.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int InputError = 2;
    public const int RuntimeFailure = 3;
    /// <summary>Stopped by Ctrl+C (SIGINT): 128 + 2, as shells report it.</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
