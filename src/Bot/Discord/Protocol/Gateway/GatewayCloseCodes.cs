namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>What each gateway close code means for the bot.</summary>
public static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>Sent by the bot when it closes a connection it means to resume (1000/1001 would end the session).</summary>
    public const int ClientResuming = 4000;

    public static GatewayCloseAction Classify(int? code) => code switch
    {
        AuthenticationFailed or InvalidShard or ShardingRequired or InvalidApiVersion
            or InvalidIntents or DisallowedIntents => GatewayCloseAction.Fatal,
        InvalidSequence or SessionTimedOut => GatewayCloseAction.NewSession,
        _ => GatewayCloseAction.Resume,
    };

    /// <summary>One sentence telling the operator what to fix for a fatal close code.</summary>
    public static string Advice(int code) => code switch
    {
        AuthenticationFailed =>
            "Discord rejected the bot token (close 4004): put a valid bot token in Discord:Token (Developer Portal, Bot page, Reset Token).",
        InvalidShard =>
            "Discord rejected the shard (close 4010): check Discord:ShardId is below Discord:ShardCount.",
        ShardingRequired =>
            "Discord requires sharding for this bot (close 4011): raise Discord:ShardCount to the count GET /gateway/bot recommends.",
        InvalidApiVersion =>
            "Discord rejected the gateway API version (close 4012): the client speaks v10; check Discord:GatewayUrl.",
        InvalidIntents =>
            "Discord rejected the intents (close 4013): this is a bug in the bot's intent bits.",
        DisallowedIntents =>
            "Discord refused the Message Content intent (close 4014): enable 'Message Content Intent' on the Developer Portal's Bot page, or set Discord:EnableMentions=false.",
        _ => $"Discord closed the gateway with code {code}.",
    };
}
