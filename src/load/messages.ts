// What the loader says about files it will not read, in the words of a data keeper.
export const loadMessages = {
  linkOutside: (rel: string, target: string) =>
    `データセットの外を指すリンクです（${rel} → ${target}）。リンクではなく、ファイルそのものをデータセットのフォルダに置いてください`,
  linkDangling: (rel: string, target: string) => `リンク先がありません（${rel} → ${target}）。リンクを消すか、ファイルそのものを置いてください`,
  linkInside: (rel: string, target: string) =>
    `データセットの中ではリンク（シンボリックリンク）は使えません（${rel} → ${target}）。ファイルそのものを置いてください`,
  folderNotFile: (rel: string) => `${rel} がフォルダになっています。ファイルにしてください`,
  fileNotFolder: (rel: string) => `${rel} はフォルダにしてください（ファイルになっています）`,
  notRegular: (rel: string) => `${rel} は普通のファイルではありません（デバイスや名前付きパイプなどは読みません）`,
  unreadable: (rel: string, code: string) => `${rel} を読めません（${code}）`,
  upperCaseJson: (rel: string) => `拡張子が小文字の .json ではないため読みません。「${rel.replace(/\.json$/i, '.json')}」に名前を変えてください`,
  tooLarge: (rel: string, bytes: number, limit: number) =>
    `${rel} は大きすぎます（${(bytes / 1e6).toFixed(1)} MB。上限は ${limit / 1e6} MB です）。解像度を下げるなどして小さくしてください`,
  trailingComma: 'JSONの書き方の誤り: 最後の項目の後に「,」があります。この「,」を消してください',
  tooDeep: (limit: number) => `配列やオブジェクトの入れ子が深すぎます（${limit} 段まで）`,
  duplicateKey: (key: string) => `項目 "${key}" が同じオブジェクトの中に2回書かれています（後の値だけが使われてしまうので、一つにしてください）`,
};
