// The official openai npm client against the JidoSessions host: a tool round trip (non-streamed and streamed) and
// models.retrieve. Prints one JSON object; tests/Host.Tests/Gateway/OpenAiNodeClientTests.cs checks it.
// Env: OPENAI_BASE_URL (…/v1), OPENAI_API_KEY, SESSION_KEY.
import OpenAI from "openai";

const client = new OpenAI({ defaultHeaders: { "X-Session-Key": process.env.SESSION_KEY } });
const tools = [{
  type: "function",
  function: {
    name: "get_weather",
    description: "The weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
}];
const weather = ({ city }) => `12 C and rain in ${city}`;

const messages = [{ role: "user", content: "Oslo" }];
const first = await client.chat.completions.create({ model: "jido-local-1", messages, tools, tool_choice: "auto" });
const asked = first.choices[0].message;
messages.push(asked);
for (const call of asked.tool_calls ?? []) {
  messages.push({ role: "tool", tool_call_id: call.id, content: weather(JSON.parse(call.function.arguments)) });
}
const second = await client.chat.completions.create({ model: "jido-local-1", messages, tools });

// Streamed: the SDK's own stream helper accumulates the tool call deltas.
const streamMessages = [{ role: "user", content: "Bergen" }];
const runner = client.chat.completions.stream({ model: "jido-local-1", messages: streamMessages, tools });
const streamed = await runner.finalChatCompletion();
const streamedCall = streamed.choices[0].message.tool_calls?.[0];
streamMessages.push(streamed.choices[0].message);
streamMessages.push({ role: "tool", tool_call_id: streamedCall.id, content: weather(JSON.parse(streamedCall.function.arguments)) });
let text = "";
for await (const chunk of await client.chat.completions.create({ model: "jido-local-1", messages: streamMessages, tools, stream: true })) {
  text += chunk.choices[0]?.delta?.content ?? "";
}

const model = await client.models.retrieve("jido-local-1");
console.log(JSON.stringify({
  firstFinish: first.choices[0].finish_reason,
  call: asked.tool_calls?.[0] ?? null,
  answer: second.choices[0].message.content,
  usage: second.usage,
  streamedFinish: streamed.choices[0].finish_reason,
  streamedCall: streamedCall ?? null,
  streamedAnswer: text,
  model: model.id,
}));
