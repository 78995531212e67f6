namespace PaperBot.Rag;

/// <summary>
/// Something the user asked for cannot be done as asked (a date that does not exist, an unknown paper id).
/// The message is shown to the user as is.
/// </summary>
public sealed class UserInputException : PaperBotException
{
    public UserInputException()
        : base(FailureKind.Input)
    {
    }

    public UserInputException(string message)
        : base(FailureKind.Input, message)
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(FailureKind.Input, message, innerException)
    {
    }
}
