namespace PaperBot.Rag;

/// <summary>Who can fix a <see cref="PaperBotException"/>, which decides the exit code.</summary>
public enum FailureKind
{
    /// <summary>The command line itself is wrong (exit 1): nothing was done.</summary>
    Usage,

    /// <summary>Input, data or configuration the user can fix (exit 2).</summary>
    Input,

    /// <summary>A model, a server or the network failed (exit 3): trying again, or elsewhere, may work.</summary>
    Runtime,
}
