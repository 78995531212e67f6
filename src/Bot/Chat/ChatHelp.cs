namespace PaperBot.Bot.Chat;

/// <summary>What `/help` prints.</summary>
public static class ChatHelp
{
    public const string Text = """
        Ask a question about the indexed papers; follow-up questions use the conversation.
          /summarize [DATE]  the digest of a day (default: the /date day, else the latest day)
          /summarize week|month  the digest of that day's ISO week or month; also /summarize 2026-W12, /summarize 2026-03
          /papers [DATE]     the papers of a day
          /trending [week|month]  the most upvoted papers of the week (or month) up to the latest day
          /search QUERY      papers matching words (within the /date day, when set)
          /paper ID          one paper: title, authors, abstract, arXiv link
          /related ID        the papers most related to one paper, with their day and what they share
          /date DATE         answer from that day's papers only (YYYY-MM-DD); /date off clears it
          /reset             start a new conversation
          /model             the model (or extractive mode), backend, context size, last answer's speed
          /stats on|off      the speed line after each answer
          /watch [add TOPIC [+must] [-exclude] | show ID | check ID [DATE] | mute ID | unmute ID | remove ID]
                             your watches: each 'paperbot sync' lists the new papers on their topics
          /help, /exit
        A question is one line. To ask over several lines, end a line with \ or paste the text:
        the question then continues until a blank line.
        Ctrl+C stops an answer; Ctrl+C at the prompt or Ctrl+D exits.
        """;
}
