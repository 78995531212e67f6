namespace PaperBot.Rag;

/// <summary>
/// A configuration value that cannot be read as its setting's type ("lots" for a whole number), found before the
/// binder would fail on it, so that the key and the type are known without reading the binder's message.
/// </summary>
public sealed class ConfigurationValueException : PaperBotException
{
    public ConfigurationValueException()
        : base(FailureKind.Input)
    {
        Key = "";
        TargetType = typeof(string);
    }

    public ConfigurationValueException(string message)
        : base(FailureKind.Input, message)
    {
        Key = "";
        TargetType = typeof(string);
    }

    public ConfigurationValueException(string message, Exception innerException)
        : base(FailureKind.Input, message, innerException)
    {
        Key = "";
        TargetType = typeof(string);
    }

    public ConfigurationValueException(string key, Type targetType, Exception? innerException)
        : base(FailureKind.Input, $"{key} cannot be read as {targetType.Name}", innerException)
    {
        Key = key;
        TargetType = targetType;
    }

    /// <summary>The key as appsettings.json nests it: Llm:ContextSize.</summary>
    public string Key { get; }

    /// <summary>The type the setting holds (for a list, its elements' type).</summary>
    public Type TargetType { get; }
}
