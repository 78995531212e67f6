namespace PaperBot.Bot.Cli;

/// <summary>The exit codes of every command (the command-line contract in DESIGN.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int InputError = 2;
    public const int RuntimeFailure = 3;
    public const int Cancelled = 130;
}
