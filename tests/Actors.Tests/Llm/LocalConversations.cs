using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

internal static class LocalConversations
{
    // User messages alternating with fixed assistant replies, as a session's history would look.
    public static List<ChatMessage> Of(params string[] userMessages)
    {
        var messages = new List<ChatMessage>();
        for (var i = 0; i < userMessages.Length; i++)
        {
            if (i > 0)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, "ok"));
            }

            messages.Add(new ChatMessage(ChatRole.User, userMessages[i]));
        }

        return messages;
    }
}
