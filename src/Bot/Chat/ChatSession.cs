using PaperBot.Rag.Answering;

namespace PaperBot.Bot.Chat;

/// <summary>What the chat remembers between questions: the latest turns, the day questions are limited to, the stats switch.</summary>
public sealed class ChatSession(int maxTurns, bool showStats)
{
    private readonly List<ConversationTurn> _turns = [];

    public IReadOnlyList<ConversationTurn> History => _turns;

    /// <summary>When set, questions are answered from this day's papers only (`/date`).</summary>
    public DateOnly? Day { get; set; }

    public bool ShowStats { get; set; } = showStats;

    public AnswerSpeed? LastSpeed { get; set; }

    public void Remember(string question, string answer)
    {
        if (maxTurns == 0)
        {
            return;
        }

        _turns.Add(new ConversationTurn(question, answer));
        if (_turns.Count > maxTurns)
        {
            _turns.RemoveRange(0, _turns.Count - maxTurns);
        }
    }

    /// <summary>A new conversation: follow-ups no longer refer to earlier answers. The day filter stays.</summary>
    public void Reset() => _turns.Clear();
}
