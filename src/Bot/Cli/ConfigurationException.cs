using PaperBot.Rag;

namespace PaperBot.Bot.Cli;

/// <summary>The configuration cannot be read or holds invalid values: one line per problem, each naming its key or file.</summary>
public sealed class ConfigurationException : PaperBotException
{
    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : this([message])
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(FailureKind.Input, message, innerException) => Problems = [message];

    public ConfigurationException(IReadOnlyList<string> problems, Exception? innerException = null)
        : base(FailureKind.Input, string.Join(Environment.NewLine, problems), innerException) => Problems = problems;

    /// <summary>One line per invalid key or unreadable file.</summary>
    public IReadOnlyList<string> Problems { get; }
}
