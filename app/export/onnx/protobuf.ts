/**
 * A minimal protobuf writer for the few ONNX messages an export needs (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto, OperatorSetIdProto). No npm protobuf
 * library is installed (protobufjs is not in node_modules) and the app core must stay free of Node
 * APIs, so this writes the wire format directly: varints, length-delimited fields, fixed32/fixed64.
 * Field numbers are onnx.proto3's (onnx/onnx.proto, IR version 10).
 */

/** A message under construction: fields are appended in the order written. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private varint(value: bigint): void {
    // Negative int64s are written as their two's complement (10 bytes), as protobuf does.
    let v = BigInt.asUintN(64, value);
    const out: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      out.push(byte);
    } while (v !== 0n);
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wireType: number): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  /** int32/int64/enum/bool field (varint). */
  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varint(BigInt(value));
    return this;
  }

  /** Length-delimited bytes. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(BigInt(value.length));
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8(value));
  }

  /** An embedded message. */
  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  /** float field (fixed32). */
  float(field: number, value: number): this {
    this.tag(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  /** A packed repeated int64 field. */
  packedInts(field: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(BigInt(values[i]));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** TensorProto.DataType values used here. */
export const DT_FLOAT = 1;
export const DT_UINT8 = 2;
export const DT_INT64 = 7;
export const DT_DOUBLE = 11;

export interface Tensor {
  name?: string;
  dims: number[];
  dataType: typeof DT_FLOAT | typeof DT_UINT8 | typeof DT_INT64 | typeof DT_DOUBLE;
  values: ArrayLike<number>;
}

/** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian). */
export function tensorProto(tensor: Tensor): ProtoWriter {
  const width = tensor.dataType === DT_UINT8 ? 1 : tensor.dataType === DT_FLOAT ? 4 : 8;
  const raw = new Uint8Array(tensor.values.length * width);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < tensor.values.length; i++) {
    const value = tensor.values[i];
    if (tensor.dataType === DT_UINT8) view.setUint8(i, value);
    else if (tensor.dataType === DT_FLOAT) view.setFloat32(i * 4, value, true);
    else if (tensor.dataType === DT_DOUBLE) view.setFloat64(i * 8, value, true);
    else view.setBigInt64(i * 8, BigInt(value), true);
  }
  const writer = new ProtoWriter().packedInts(1, tensor.dims).int(2, tensor.dataType);
  if (tensor.name !== undefined) writer.string(8, tensor.name);
  return writer.bytes(9, raw);
}

/** An attribute value: int, float, string, ints or tensor. */
export type AttributeValue = { int: number } | { float: number } | { string: string } | { ints: ArrayLike<number> } | { tensor: Tensor };

/** AttributeProto: name = 1, f = 2, i = 3, s = 4, t = 5, ints = 8, type = 20. */
export function attributeProto(name: string, value: AttributeValue): ProtoWriter {
  const writer = new ProtoWriter().string(1, name);
  if ('int' in value) return writer.int(3, value.int).int(20, 2);
  if ('float' in value) return writer.float(2, value.float).int(20, 1);
  if ('string' in value) return writer.string(4, value.string).int(20, 3);
  if ('ints' in value) return writer.packedInts(8, value.ints).int(20, 7);
  return writer.message(5, tensorProto(value.tensor)).int(20, 4);
}

export interface NodeSpec {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

/** NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7. */
export function nodeProto(node: NodeSpec): ProtoWriter {
  const writer = new ProtoWriter();
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  if (node.name) writer.string(3, node.name);
  writer.string(4, node.opType);
  for (const [name, value] of Object.entries(node.attributes ?? {})) writer.message(5, attributeProto(name, value));
  if (node.domain) writer.string(7, node.domain);
  return writer;
}

/** A graph input or output: a tensor of `elemType` whose dims are numbers or symbolic names. */
export interface ValueInfo {
  name: string;
  elemType: number;
  dims: (number | string)[];
  doc?: string;
}

/** ValueInfoProto: name = 1, type = 2 (TypeProto.tensor_type = 1: elem_type = 1, shape = 2 (dim = 1: dim_value = 1, dim_param = 2)), doc_string = 3. */
export function valueInfoProto(info: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const dim of info.dims) shape.message(1, typeof dim === 'number' ? new ProtoWriter().int(1, dim) : new ProtoWriter().string(2, dim));
  const tensorType = new ProtoWriter().int(1, info.elemType).message(2, shape);
  const writer = new ProtoWriter().string(1, info.name).message(2, new ProtoWriter().message(1, tensorType));
  if (info.doc) writer.string(3, info.doc);
  return writer;
}

export interface ModelSpec {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  docString?: string;
  graph: {
    name: string;
    nodes: NodeSpec[];
    initializers: Tensor[];
    inputs: ValueInfo[];
    outputs: ValueInfo[];
    docString?: string;
  };
}

/**
 * ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, doc_string = 6, graph = 7,
 * opset_import = 8 (OperatorSetIdProto: domain = 1, version = 2). GraphProto: node = 1, name = 2,
 * initializer = 5, doc_string = 10, input = 11, output = 12.
 */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  for (const node of spec.graph.nodes) graph.message(1, nodeProto(node));
  graph.string(2, spec.graph.name);
  for (const tensor of spec.graph.initializers) graph.message(5, tensorProto(tensor));
  if (spec.graph.docString) graph.string(10, spec.graph.docString);
  for (const input of spec.graph.inputs) graph.message(11, valueInfoProto(input));
  for (const output of spec.graph.outputs) graph.message(12, valueInfoProto(output));
  const model = new ProtoWriter().int(1, spec.irVersion).string(2, spec.producerName).string(3, spec.producerVersion);
  if (spec.docString) model.string(6, spec.docString);
  model.message(7, graph);
  for (const opset of spec.opsets) model.message(8, new ProtoWriter().string(1, opset.domain).int(2, opset.version));
  return model.finish();
}

/** UTF-8 bytes of a string (the app core has no TextEncoder in its type library). */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(out);
}
