namespace PaperBot.Rag;

/// <summary>
/// Something the user asked for cannot be done as asked (a date that does not exist, an unknown paper id).
/// The message is shown to the user as is.
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException()
    {
    }

    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
