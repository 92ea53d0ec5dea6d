// Reading the XML inside Office files from untrusted hands: one pass of saxes (a streaming tokenizer that
// checks well-formedness), so time is linear in the input whatever its shape. Entities are the five
// predefined ones and character references to XML characters; a DOCTYPE (the door to entity expansion)
// and nesting deeper than any Office part needs are refused.
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export class XmlError extends Error {}

export interface XmlEvents {
  /** A start tag: its local name (prefix dropped) and its attributes as written ("r:id" keeps its prefix). */
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  /** Character data (text and CDATA), entities decoded. */
  text?(text: string): void;
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Scans one XML part; throws an XmlError naming the part, line and column of the first fault. */
export function scanXml(xml: string, part: string, events: XmlEvents, maxDepth = 64): void {
  const parser = new SaxesParser({ xmlns: false, fileName: part, position: true });
  let depth = 0;
  parser.on('doctype', () => {
    throw new XmlError(`${part}: DOCTYPE is not allowed`);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (++depth > maxDepth)
      throw new XmlError(`${part}:${parser.line}:${parser.column}: nested deeper than ${maxDepth} elements`);
    events.open?.(localName(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    depth -= 1;
    events.close?.(localName(tag.name));
  });
  if (events.text) {
    parser.on('text', events.text);
    parser.on('cdata', events.text);
  }
  try {
    parser.write(xml).close();
  } catch (error) {
    // saxes reports faults of the XML as plain Errors; what the handlers throw passes through as it is.
    if (error instanceof XmlError || !(error instanceof Error) || error.constructor !== Error) throw error;
    throw new XmlError((error as Error).message.slice(0, 300));
  }
}

/** An attribute by local name, whatever its prefix: `attribute(a, 'id')` finds "r:id". */
export function attributeByLocalName(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const key of Object.keys(attributes)) if (localName(key) === name) return attributes[key];
  return undefined;
}
